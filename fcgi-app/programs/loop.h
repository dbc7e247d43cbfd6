/* loop.h - handling one FastCGI request from accept to the last byte sent. */
#ifndef KPP_LOOP_H
#define KPP_LOOP_H

#include <fcgiapp.h>

struct arena;

/* Serves the accepted request f with memory from a (reset by the caller afterwards). */
void	loop_handle(FCGX_Request *f, struct arena *a);

#endif
