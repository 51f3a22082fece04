/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Renders every chart kind on real data, in light and dark, to PNG files for a person to
 * look at: into EASEL_GALLERY_DIR when it is set, else into a temporary folder that is
 * removed afterwards. Needs EASEL_DATASETS_DIR (the shared datasets); skips without it.
 * Each file is also checked to exist with the requested size. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "easel-core.h"
#include "easel-chart.h"

#define WIDTH 720
#define HEIGHT 480

static const char *gallery_dir;
static const char *datasets_dir;

static EaselTable *
load (const char *name)
{
  g_autofree char *path = g_build_filename (datasets_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  EaselTable *table = easel_csv_read_file (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static const EaselColumn *
column (EaselTable *table,
        const char *name)
{
  int i = easel_table_find_column (table, name);

  if (i < 0)
    g_error ("no column %s", name);
  return easel_table_get_column (table, (guint) i);
}

static void
save_one (EaselChart *chart,
          const char *name,
          const char *variant,
          int         width,
          int         height)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, variant);
  g_autofree char *path = g_build_filename (gallery_dir, file, NULL);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *png;
  gint64 start = g_get_monotonic_time ();

  easel_chart_save (chart, path, width, height, &error);
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  cairo_surface_destroy (png);
  g_test_message ("%s (%.0f ms)", path, (g_get_monotonic_time () - start) / 1000.0);
}

/* Light and dark; the chart is freed. */
static void
save_both (EaselChart *chart,
           const char *name)
{
  EaselChartStyle style;

  easel_chart_style_init_light (&style);
  easel_chart_set_style (chart, &style);
  save_one (chart, name, "light", WIDTH, HEIGHT);
  easel_chart_style_init_dark (&style);
  easel_chart_set_style (chart, &style);
  save_one (chart, name, "dark", WIDTH, HEIGHT);
  easel_chart_free (chart);
}

/* Pearson's r over the rows where both values are present. */
static double
pearson (const EaselColumn *a,
         const EaselColumn *b)
{
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  gsize n = 0;

  for (gsize i = 0; i < a->n_rows; i++)
    {
      double x = a->num[i], y = b->num[i];

      if (isnan (x) || isnan (y))
        continue;
      n++;
      sa += x;
      sb += y;
    }
  sa /= n;
  sb /= n;
  for (gsize i = 0; i < a->n_rows; i++)
    {
      double x = a->num[i] - sa, y = b->num[i] - sb;

      if (isnan (x) || isnan (y))
        continue;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
    }
  return sab / sqrt (saa * sbb);
}

static void
gallery_histograms (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) diamonds = load ("diamonds.csv");
  g_autoptr (GError) error = NULL;
  EaselChart *chart;

  chart = easel_chart_new_histogram_from_column (column (penguins, "body_mass_g"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Body mass of penguins");
  save_both (chart, "histogram-penguins");

  chart = easel_chart_new_histogram_from_column (column (diamonds, "price"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Diamond prices");
  easel_chart_set_x_label (chart, "price (USD)");
  save_both (chart, "histogram-diamonds");

  chart = easel_chart_new_histogram_from_column (column (penguins, "year"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Penguins per year");
  save_both (chart, "histogram-years");
}

static void
gallery_bars (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) ames = load ("ames_housing.csv");
  g_autoptr (EaselTable) diamonds = load ("diamonds.csv");
  g_autoptr (GError) error = NULL;
  EaselChart *chart;

  chart = easel_chart_new_bar_from_column (column (penguins, "sex"), 0, &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Penguins by sex");
  save_both (chart, "bar-sex");

  chart = easel_chart_new_bar_from_column (column (diamonds, "clarity"), 0, &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Diamonds by clarity");
  save_both (chart, "bar-clarity");

  chart = easel_chart_new_bar_from_column (column (ames, "Neighborhood"), 12, &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Houses by neighbourhood (Ames)");
  save_both (chart, "bar-neighborhood");

  /* narrow, as in a sidebar: long labels are cut with an ellipsis */
  chart = easel_chart_new_bar_from_column (column (ames, "MS_SubClass"), 8, &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Building classes");
  save_one (chart, "bar-narrow", "light", 360, 420);
  easel_chart_free (chart);
}

static void
gallery_scatter (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) diamonds = load ("diamonds.csv");
  g_autoptr (GError) error = NULL;
  EaselChart *chart;

  chart = easel_chart_new_scatter_from_columns (column (penguins, "bill_length_mm"),
                                                column (penguins, "bill_depth_mm"),
                                                column (penguins, "species"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Bill length and depth");
  save_both (chart, "scatter-penguins");

  chart = easel_chart_new_scatter_from_columns (column (diamonds, "carat"),
                                                column (diamonds, "price"),
                                                column (diamonds, "cut"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Carat and price of 53,940 diamonds");
  save_both (chart, "scatter-diamonds");

  /* more groups than colours, and a legend that wraps */
  chart = easel_chart_new_scatter_from_columns (column (diamonds, "depth"),
                                                column (diamonds, "table"),
                                                column (diamonds, "clarity"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Depth and table by clarity");
  save_one (chart, "scatter-small-legend", "light", 420, 360);
  easel_chart_free (chart);

  chart = easel_chart_new_scatter_from_columns (column (diamonds, "carat"),
                                                column (diamonds, "price"), NULL, &error);
  g_assert_no_error (error);
  easel_chart_set_density (chart, EASEL_DENSITY_ALWAYS);
  easel_chart_set_title (chart, "Carat and price (density)");
  save_both (chart, "scatter-diamonds-density");

  chart = easel_chart_new_scatter_from_columns (column (diamonds, "carat"),
                                                column (diamonds, "price"),
                                                column (diamonds, "cut"), &error);
  g_assert_no_error (error);
  easel_chart_set_density (chart, EASEL_DENSITY_ALWAYS);
  easel_chart_set_title (chart, "Carat and price by cut (density)");
  save_both (chart, "scatter-diamonds-density-groups");

  /* two million points from two clouds: the density path at its real scale */
  {
    const gsize n = 2000000;
    g_autofree double *x = g_new (double, n);
    g_autofree double *y = g_new (double, n);
    g_autoptr (GRand) rand = g_rand_new_with_seed (7);

    for (gsize i = 0; i < n; i++)
      {
        double u = g_rand_double (rand), v = g_rand_double (rand);
        double r = sqrt (-2 * log (MAX (u, 1e-300))), t = 2 * G_PI * v;
        double a = r * cos (t), b = r * sin (t);

        if (i % 3 == 0)
          {
            x[i] = 3 + a * 0.6;
            y[i] = 1 + b * 0.5 + 0.3 * a;
          }
        else
          {
            x[i] = a * 1.2;
            y[i] = b + 0.6 * a;
          }
      }
    chart = easel_chart_new_scatter (x, y, n, NULL, NULL, 0);
    easel_chart_set_title (chart, "Two million points");
    easel_chart_set_x_label (chart, "x");
    easel_chart_set_y_label (chart, "y");
    save_both (chart, "scatter-2m");
  }
}

static void
gallery_box (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) diamonds = load ("diamonds.csv");
  g_autoptr (GError) error = NULL;
  EaselChart *chart;

  chart = easel_chart_new_box_from_columns (column (penguins, "body_mass_g"),
                                            column (penguins, "species"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Body mass by species");
  save_both (chart, "box-penguins");

  chart = easel_chart_new_box_from_columns (column (diamonds, "price"),
                                            column (diamonds, "cut"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Price by cut");
  save_both (chart, "box-diamonds");

  chart = easel_chart_new_box_from_columns (column (penguins, "flipper_length_mm"), NULL,
                                            &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Flipper length");
  save_both (chart, "box-single");
}

static void
gallery_heatmap (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) wine = load ("wine.csv");
  const char *names[] = { "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                          "body_mass_g", "year" };
  double r[25];
  EaselChart *chart;

  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 5; j++)
      r[i * 5 + j] = pearson (column (penguins, names[i]), column (penguins, names[j]));
  chart = easel_chart_new_heatmap (r, 5, 5, names, names, -1, 1);
  easel_chart_set_title (chart, "Correlations between penguin measurements");
  save_both (chart, "heatmap-penguins");

  /* 13 columns: labels at 45°, values still fit */
  {
    g_autoptr (GPtrArray) cols = g_ptr_array_new ();
    g_autofree double *m = NULL;
    guint n;

    for (guint c = 0; c < easel_table_get_n_columns (wine); c++)
      if (easel_table_get_column (wine, c)->type == EASEL_COLUMN_NUMERIC)
        g_ptr_array_add (cols, easel_table_get_column (wine, c)->name);
    n = cols->len;
    m = g_new (double, n * n);
    for (guint i = 0; i < n; i++)
      for (guint j = 0; j < n; j++)
        m[i * n + j] = pearson (column (wine, cols->pdata[i]), column (wine, cols->pdata[j]));
    chart = easel_chart_new_heatmap (m, n, n, (const char *const *) cols->pdata,
                                     (const char *const *) cols->pdata, -1, 1);
    easel_chart_set_title (chart, "Correlations in the wine data");
    save_both (chart, "heatmap-wine");
  }
}

static void
gallery_line (void)
{
  const gsize n = 101;
  double x[101], a[101], b[101], c[101], epoch[60], train[60], valid[60];
  EaselChart *chart;

  for (gsize i = 0; i < n; i++)
    {
      double f = i / 100.0;

      x[i] = f;
      a[i] = pow (f, 0.15);
      b[i] = pow (f, 0.4);
      c[i] = f;
    }
  chart = easel_chart_new_line ();
  easel_chart_add_series (chart, "Gradient boosting (AUC 0.95)", x, a, n);
  easel_chart_add_series (chart, "Logistic regression (AUC 0.82)", x, b, n);
  easel_chart_add_series (chart, "Chance", x, c, n);
  easel_chart_set_x_range (chart, 0, 1);
  easel_chart_set_y_range (chart, 0, 1);
  easel_chart_set_title (chart, "ROC curve");
  easel_chart_set_x_label (chart, "False positive rate");
  easel_chart_set_y_label (chart, "True positive rate");
  save_both (chart, "line-roc");

  for (guint i = 0; i < 60; i++)
    {
      epoch[i] = i + 1;
      train[i] = 0.25 + 1.8 * exp (-(double) i / 9.0) + 0.01 * sin (i * 1.7);
      /* validation loss turns up after epoch 30: overfitting */
      valid[i] = 0.32 + 1.7 * exp (-(double) i / 10.0) + 0.02 * cos (i * 1.3)
                 + (i > 30 ? 0.00015 * (i - 30.0) * (i - 30.0) : 0.0);
    }
  chart = easel_chart_new_line ();
  easel_chart_add_series (chart, "Training", epoch, train, 60);
  easel_chart_add_series (chart, "Validation", epoch, valid, 60);
  easel_chart_set_title (chart, "Loss");
  easel_chart_set_x_label (chart, "Epoch");
  save_both (chart, "line-loss");
}

static void
gallery_missing (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (EaselTable) credit = load ("credit_scoring.csv");
  EaselChart *chart;

  chart = easel_chart_new_missing_from_table (penguins, EASEL_MISSING_VIEW_BARS);
  easel_chart_set_title (chart, "Missing values in penguins.csv");
  save_both (chart, "missing-bars-penguins");

  chart = easel_chart_new_missing_from_table (credit, EASEL_MISSING_VIEW_BARS);
  easel_chart_set_title (chart, "Missing values in credit_scoring.csv");
  save_both (chart, "missing-bars-credit");

  chart = easel_chart_new_missing_from_table (penguins, EASEL_MISSING_VIEW_MATRIX);
  easel_chart_set_title (chart, "Where values are missing in penguins.csv");
  save_both (chart, "missing-matrix-penguins");

  chart = easel_chart_new_missing_from_table (credit, EASEL_MISSING_VIEW_MATRIX);
  easel_chart_set_title (chart, "Where values are missing in credit_scoring.csv");
  save_both (chart, "missing-matrix-credit");
}

static void
gallery_images (void)
{
  g_autoptr (EaselTable) digits = load ("digits.csv");
  const guint n_images = 40;
  g_autofree double *pixels = g_new (double, n_images * 64);
  g_auto (GStrv) captions = g_new0 (char *, n_images + 1);
  const EaselColumn *digit = column (digits, "digit");
  EaselChart *chart;

  for (guint k = 0; k < n_images; k++)
    {
      for (guint p = 0; p < 64; p++)
        pixels[k * 64 + p] = easel_table_get_column (digits, p)->num[k];
      captions[k] = easel_column_dup_value (digit, k);
    }
  chart = easel_chart_new_image_grid (pixels, n_images, 8, 8, 0, 16,
                                      (const char *const *) captions);
  easel_chart_set_title (chart, "Handwritten digits (8 × 8)");
  save_both (chart, "images-digits");

  chart = easel_chart_new_image_grid (pixels, 16, 8, 8, 0, 16, NULL);
  easel_chart_set_title (chart, "Generated samples, step 400");
  easel_chart_set_image_columns (chart, 8);
  save_both (chart, "images-samples");
}

static void
gallery_misc (void)
{
  g_autoptr (EaselTable) penguins = load ("penguins.csv");
  g_autoptr (GError) error = NULL;
  EaselChart *chart;

  /* HiDPI: the same chart at scale 2 on a canvas twice the size */
  chart = easel_chart_new_scatter_from_columns (column (penguins, "flipper_length_mm"),
                                                column (penguins, "body_mass_g"),
                                                column (penguins, "sex"), &error);
  g_assert_no_error (error);
  easel_chart_set_title (chart, "Flipper length and body mass (2×)");
  easel_chart_set_scale (chart, 2.0);
  save_one (chart, "scatter-hidpi", "light", 2 * WIDTH, 2 * HEIGHT);
  easel_chart_free (chart);

  /* small: a sidebar-sized chart */
  chart = easel_chart_new_histogram_from_column (column (penguins, "flipper_length_mm"), &error);
  g_assert_no_error (error);
  save_one (chart, "histogram-small", "light", 280, 180);
  easel_chart_free (chart);

  /* nothing to draw */
  chart = easel_chart_new_histogram (NULL, 0);
  easel_chart_set_title (chart, "An empty column");
  save_both (chart, "empty");
}

static void
skip_gallery (void)
{
  g_test_skip ("EASEL_DATASETS_DIR does not name the shared datasets folder");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *temporary = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  gallery_dir = g_getenv ("EASEL_GALLERY_DIR");
  datasets_dir = g_getenv ("EASEL_DATASETS_DIR");
  if (datasets_dir == NULL || !g_file_test (datasets_dir, G_FILE_TEST_IS_DIR))
    {
      g_test_add_func ("/plot/gallery/skipped", skip_gallery);
      return g_test_run ();
    }
  if (gallery_dir == NULL)
    {
      temporary = g_dir_make_tmp ("easel-gallery-XXXXXX", NULL);
      g_assert_nonnull (temporary);
      gallery_dir = temporary;
    }
  g_mkdir_with_parents (gallery_dir, 0755);

  g_test_add_func ("/plot/gallery/histogram", gallery_histograms);
  g_test_add_func ("/plot/gallery/bar", gallery_bars);
  g_test_add_func ("/plot/gallery/scatter", gallery_scatter);
  g_test_add_func ("/plot/gallery/box", gallery_box);
  g_test_add_func ("/plot/gallery/heatmap", gallery_heatmap);
  g_test_add_func ("/plot/gallery/line", gallery_line);
  g_test_add_func ("/plot/gallery/missing", gallery_missing);
  g_test_add_func ("/plot/gallery/images", gallery_images);
  g_test_add_func ("/plot/gallery/misc", gallery_misc);

  status = g_test_run ();
  if (temporary != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (temporary, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (temporary, name, NULL);
          g_unlink (path);
        }
      g_rmdir (temporary);
    }
  return status;
}
