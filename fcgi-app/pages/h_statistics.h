/* h_statistics.h - the routes of h_statistics.c: the programme in figures for ICLD and Sida: charts drawn on the server, tables beside them. */
#ifndef KPP_H_STATISTICS_H
#define KPP_H_STATISTICS_H

struct req;

int	h_statistics(struct req *);

#endif
