/* h_thematic.h - the routes of h_thematic.c: the thematic areas with their IATI sector (DAC) codes: the admins' list, the form to add one, and the edit form. */
#ifndef KPP_H_THEMATIC_H
#define KPP_H_THEMATIC_H

struct req;

int	h_theme_list(struct req *);
int	h_theme_create(struct req *);
int	h_theme_edit(struct req *);
int	h_theme_update(struct req *);

#endif
