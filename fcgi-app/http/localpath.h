/* localpath.h - whether a string is a path on this site: the one check of redirects and the templates' URLs. */
#ifndef KPP_LOCALPATH_H
#define KPP_LOCALPATH_H

/*
 * Whether p is a path on this site that a browser cannot read as another
 * host: it starts with one '/' (not "//"), and holds no byte below 0x21,
 * no DEL and no backslash anywhere. Browsers drop tabs and newlines inside
 * a URL and read '\' as '/', so "/\t/evil.example" and "/\evil.example"
 * would be "//evil.example" to them. NULL is not a path.
 */
int	 local_path_ok(const char *p);

#endif
