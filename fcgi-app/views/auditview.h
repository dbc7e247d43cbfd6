/* auditview.h - an audit row as pages show it (the audit log, a project's history): its words and its links. */
#ifndef KPP_AUDITVIEW_H
#define KPP_AUDITVIEW_H

#include <stddef.h>

#include "core/conf.h"

struct audit_entry;
struct req;
struct vobj;

/* A kind of record the log names (audit_log.entity), and its words. */
struct audit_entity {
	const char	*code;
	const char	*msgid;
};

/* The kinds the audit log's filter offers: its allow-list. Other kinds show as stored. */
extern const struct audit_entity	audit_entities[];
extern const size_t			naudit_entities;

/* A kind of record, and an action, in words in language l; one the tables do not know shows as stored. */
const char	*audit_entity_label(enum lang l, const char *code);
const char	*audit_action_label(enum lang l, const char *code);

/*
 * An audit row into o for _audit_row.html (when, who, what, the record,
 * linked to its page when links and an admin may open one, and the fields
 * it changed that the caller's role reads).
 */
void		 view_audit_entry(struct req *r, struct vobj *o,
		    const struct audit_entry *e, int links);

#endif
