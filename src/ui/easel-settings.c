/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-settings"

#include "config.h"

#include "easel-settings.h"

static GSettingsSchema *
lookup_schema (void)
{
  static GSettingsSchema *schema;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

GSettings *
easel_settings_get (void)
{
  static GSettings *settings;

  if (settings == NULL && lookup_schema () != NULL)
    settings = g_settings_new_full (lookup_schema (), NULL, NULL);

  return settings;
}

gboolean
easel_settings_has_key (const char *key)
{
  GSettingsSchema *schema = lookup_schema ();

  return schema != NULL && g_settings_schema_has_key (schema, key);
}
