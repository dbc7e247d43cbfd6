/* h_decision.h - the routes of h_decision.c: ICLD decides on an application: the decision form, recording and changing the decision, the decision letter. */
#ifndef KPP_H_DECISION_H
#define KPP_H_DECISION_H

struct req;

int	h_decision_form(struct req *);
int	h_decision_save(struct req *);
int	h_decision_letter(struct req *);

#endif
