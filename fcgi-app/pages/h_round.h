/* h_round.h - the routes of h_round.c: rounds (calls) with their rules, and the partner countries: the lists and the admins' forms. */
#ifndef KPP_H_ROUND_H
#define KPP_H_ROUND_H

struct req;

int	h_round_list(struct req *);
int	h_round_new(struct req *);
int	h_round_create(struct req *);
int	h_round_edit(struct req *);
int	h_round_update(struct req *);
int	h_country_list(struct req *);
int	h_country_create(struct req *);
int	h_country_update(struct req *);
int	h_country_edit(struct req *);

#endif
