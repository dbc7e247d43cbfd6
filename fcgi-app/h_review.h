/* h_review.h - the routes of h_review.c: reviews of submitted applications: assigning reviewers, the reviewer's scoring form, the scores on the page. */
#ifndef KPP_H_REVIEW_H
#define KPP_H_REVIEW_H

struct req;

int	h_review_assign(struct req *);
int	h_review_unassign(struct req *);
int	h_review_form(struct req *);
int	h_review_save(struct req *);

#endif
