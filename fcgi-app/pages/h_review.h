/* h_review.h - the routes of h_review.c: assigning reviewers to a submitted application, the reviewer's scoring form. */
#ifndef KPP_H_REVIEW_H
#define KPP_H_REVIEW_H

struct req;

int	h_review_assign(struct req *);
int	h_review_unassign(struct req *);
int	h_review_form(struct req *);
int	h_review_save(struct req *);

#endif
