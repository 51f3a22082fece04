/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-format"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "easel-format.h"

/* Drops trailing zeros after the decimal mark, and the mark itself if nothing follows. */
static void
strip_trailing_zeros (char *str)
{
  const char *decimal = localeconv ()->decimal_point;
  char *mark = strstr (str, decimal);
  char *end;

  if (mark == NULL || strchr (str, 'e') != NULL)
    return;

  end = str + strlen (str);
  while (end > mark + strlen (decimal) && end[-1] == '0')
    *--end = '\0';
  if (end == mark + strlen (decimal))
    *mark = '\0';
}

char *
easel_format_statistic (double value)
{
  double magnitude = fabs (value);
  char *str;

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (value == 0)
    return g_strdup ("0");

  if (magnitude >= 1e9 || magnitude < 1e-4)
    str = g_strdup_printf ("%.4g", value);
  else if (magnitude >= 1000)
    str = g_strdup_printf ("%'.*f", magnitude >= 1e4 ? 0 : 1, value);
  else
    {
      int decimals = 3 - (int) floor (log10 (magnitude));

      str = g_strdup_printf ("%.*f", CLAMP (decimals, 0, 8), value);
    }

  strip_trailing_zeros (str);
  /* "-0" after rounding a tiny negative number reads as a mistake */
  if (g_str_equal (str, "-0"))
    {
      g_free (str);
      return g_strdup ("0");
    }

  return str;
}

char *
easel_format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

char *
easel_format_share (guint64 part,
                    guint64 whole)
{
  double percent = whole > 0 ? 100.0 * (double) part / (double) whole : 0;

  /* A share that is not zero must not read as zero, nor a partial one as all. */
  if (part > 0 && percent < 0.1)
    return g_strdup_printf (_("< %.1f%%"), 0.1);
  if (part < whole && percent > 99.9)
    return g_strdup_printf (_("> %.1f%%"), 99.9);
  if (percent == floor (percent))
    return g_strdup_printf (_("%.0f%%"), percent);

  return g_strdup_printf (_("%.1f%%"), percent);
}

char *
easel_format_table_size (guint64 n_rows,
                         guint   n_columns)
{
  g_autofree char *rows = easel_format_count (n_rows);
  g_autofree char *columns = easel_format_count (n_columns);
  g_autofree char *rows_text = NULL;
  g_autofree char *columns_text = NULL;

  rows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                            n_rows > G_MAXULONG ? G_MAXULONG : n_rows),
                               rows);
  columns_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s column", "%s columns",
                                               n_columns),
                                  columns);

  /* Translators: a table's size, e.g. "150 rows · 5 columns" */
  return g_strdup_printf (_("%s · %s"), rows_text, columns_text);
}

const char *
easel_column_type_get_label (EaselColumnType type)
{
  switch (type)
    {
    case EASEL_COLUMN_NUMERIC:
      return _("Numeric");
    case EASEL_COLUMN_CATEGORICAL:
      return _("Categorical");
    case EASEL_COLUMN_TEXT:
      return _("Text");
    case EASEL_COLUMN_BOOLEAN:
      return _("Boolean");
    case EASEL_COLUMN_DATETIME:
      return _("Date and Time");
    case EASEL_N_COLUMN_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
easel_column_type_get_icon (EaselColumnType type)
{
  /* Icons of adwaita-icon-theme 43 (Debian 12), the oldest theme Easel runs with. */
  switch (type)
    {
    case EASEL_COLUMN_NUMERIC:
      return "accessories-calculator-symbolic";
    case EASEL_COLUMN_CATEGORICAL:
      return "view-list-bullet-symbolic";
    case EASEL_COLUMN_TEXT:
      return "format-text-plaintext-symbolic";
    case EASEL_COLUMN_BOOLEAN:
      return "checkbox-checked-symbolic";
    case EASEL_COLUMN_DATETIME:
      return "x-office-calendar-symbolic";
    case EASEL_N_COLUMN_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}
