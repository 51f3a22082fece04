/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>

#include "easel-format.h"
#include "easel-ui-test.h"

static void
assert_statistic (double      value,
                  const char *expected)
{
  g_autofree char *text = easel_format_statistic (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_statistic (void)
{
  assert_statistic (5.843333333, "5.843");
  assert_statistic (0.828066128, "0.8281");
  assert_statistic (43.92192982, "43.92");
  assert_statistic (48.5, "48.5");
  assert_statistic (100, "100");
  assert_statistic (0.5, "0.5");
  assert_statistic (-0.876, "-0.876");
  assert_statistic (3932.799722, "3932.8");
  assert_statistic (12345.6, "12346");
  assert_statistic (2.5e10, "2.5e+10");
  assert_statistic (0.0000123, "1.23e-05");
  assert_statistic (0, "0");
  assert_statistic (-0.0, "0");
  assert_statistic (NAN, "—");
  assert_statistic (INFINITY, "∞");
  assert_statistic (-INFINITY, "−∞");
}

static void
test_share (void)
{
  struct { guint64 part, whole; const char *expected; } cases[] = {
    { 50, 150, "33.3%" },
    { 2, 344, "0.6%" },
    { 150, 150, "100%" },
    { 0, 150, "0%" },
    { 0, 0, "0%" },
    { 1, 10000, "< 0.1%" },
    { 9999, 10000, "> 99.9%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = easel_format_share (cases[i].part, cases[i].whole);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_table_size (void)
{
  g_autofree char *one = easel_format_table_size (1, 1);
  g_autofree char *many = easel_format_table_size (150, 5);
  g_autofree char *count = easel_format_count (53940);

  g_assert_cmpstr (one, ==, "1 row · 1 column");
  g_assert_cmpstr (many, ==, "150 rows · 5 columns");
  /* the C locale has no digit grouping */
  g_assert_cmpstr (count, ==, "53940");
}

static void
test_column_types (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  for (guint t = 0; t < EASEL_N_COLUMN_TYPES; t++)
    {
      const char *icon = easel_column_type_get_icon (t);

      g_assert_nonnull (easel_column_type_get_label (t));
      /* every type icon exists in the installed Adwaita theme */
      if (!gtk_icon_theme_has_icon (theme, icon))
        g_error ("The icon %s of type %s is not in the icon theme", icon,
                 easel_column_type_to_string (t));
    }
}

int
main (int   argc,
      char *argv[])
{
  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/format/statistic", test_statistic);
  g_test_add_func ("/ui/format/share", test_share);
  g_test_add_func ("/ui/format/table-size", test_table_size);
  g_test_add_func ("/ui/format/column-types", test_column_types);

  return g_test_run ();
}
