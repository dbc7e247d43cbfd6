/* h_outbox.h - the routes of h_outbox.c: the outbox for ICLD's officers (/outbox), each message, retry and cancel. */
#ifndef KPP_H_OUTBOX_H
#define KPP_H_OUTBOX_H

struct req;

int	h_outbox_list(struct req *);
int	h_outbox_show(struct req *);
int	h_outbox_retry(struct req *);
int	h_outbox_cancel(struct req *);

#endif
