/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checked access to JSON that may come from anyone (a card file, a project): each returns
 * NULL (or NaN) when the member is absent or of another kind, never asserts. */

JsonObject *easel_json_member_object (JsonObject *object,
                                      const char *key);
JsonArray  *easel_json_member_array  (JsonObject *object,
                                      const char *key);
/* The string a node holds, or NULL. */
const char *easel_json_node_string   (JsonNode   *node);
const char *easel_json_member_string (JsonObject *object,
                                      const char *key);
/* The number a node holds (integers too), or NaN. */
double      easel_json_node_number   (JsonNode   *node);
/* Element i of an array when it is an object, else NULL. */
JsonObject *easel_json_element_object (JsonArray *array,
                                       guint      i);

/* Builder members that print a person's data faithfully: a non-finite number and a NULL
 * string are written as null. */
void        easel_json_add_number    (JsonBuilder *builder,
                                      const char  *key,
                                      double       value);
void        easel_json_add_int       (JsonBuilder *builder,
                                      const char  *key,
                                      gint64       value);
void        easel_json_add_string    (JsonBuilder *builder,
                                      const char  *key,
                                      const char  *value);

G_END_DECLS
