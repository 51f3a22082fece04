/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "easel-chart-request.h"
#include "easel-correlate.h"
#include "easel-format.h"
#include "easel-profile.h"
#include "easel-sparkline.h"
#include "easel-table-summary.h"
#include "easel-ui-test.h"
#include "easel-window.h"
#include "easel-worker.h"

/* ames_housing.csv: 2,930 houses, 74 columns, 34 of them numeric */
#define AMES_COLUMNS 74
#define AMES_NUMERIC 34

/* Helpers */

static gboolean
columns_ready (gpointer data)
{
  EaselColumnsView *view = data;

  return !easel_columns_view_get_busy (view) && easel_columns_view_get_summary (view) != NULL;
}

static gboolean
correlation_ready (gpointer data)
{
  EaselCorrelationView *view = data;

  return !easel_correlation_view_get_busy (view) &&
         easel_correlation_view_get_correlation (view) != NULL;
}

static gboolean
chart_ready (gpointer data)
{
  EaselChartView *view = data;

  return !easel_chart_view_get_busy (view) &&
         (easel_chart_view_get_chart (view) != NULL || easel_chart_view_get_error (view) != NULL);
}

static gboolean
insights_ready (gpointer data)
{
  EaselInsightsView *view = data;

  return !easel_insights_view_get_busy (view) && easel_insights_view_get_insights (view) != NULL;
}

/* Waits until 'view' has its chart, drawn at the size it has on screen. Drawing may give the
 * view another size (a label beside it changed while the chart was built): the view then
 * hands its chart to a worker to be prepared for that size and has none until the worker is
 * done, so it is waited for again. The chart returned stays until the main loop runs. */
static EaselChart *
wait_for_chart (EaselChartView *view,
                const char     *what)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      easel_ui_test_wait (chart_ready, view, 60, what);
      g_assert_null (easel_chart_view_get_error (view));
      g_assert_nonnull (easel_chart_view_get_chart (view));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
      if (easel_chart_view_get_chart (view) != NULL)
        return easel_chart_view_get_chart (view);
    }
  g_error ("%s was still being prepared for another size after 20 drawings", what);
}

static void
count_busy_cb (EaselChartView *view,
               GParamSpec     *pspec,
               guint          *count)
{
  if (easel_chart_view_get_busy (view))
    (*count)++;
}

/* A window showing ames_housing.csv in the Explore view, or NULL (the test is skipped). */
static EaselWindow *
open_ames (void)
{
  g_autofree char *path = easel_ui_test_dataset ("ames_housing.csv");
  g_autoptr(GFile) file = NULL;
  EaselWindow *window;

  if (path == NULL)
    {
      g_test_skip ("ames_housing.csv is in neither data/samples nor $EASEL_DATASETS_DIR");
      return NULL;
    }

  window = easel_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import of ames_housing.csv");
  g_assert_cmpstr (easel_window_get_page_name (window), ==, "data");
  g_assert_cmpuint (easel_table_get_n_columns (easel_data_page_get_table (
                      easel_window_get_data_page (window))), ==, AMES_COLUMNS);

  g_assert_cmpstr (easel_window_get_view (window), ==, "data");
  easel_window_set_view (window, "explore");
  g_assert_cmpstr (easel_window_get_view (window), ==, "explore");

  return window;
}

static EaselTable *
window_table (EaselWindow *window)
{
  return easel_explore_page_get_table (easel_window_get_explore_page (window));
}

static int
find_column (EaselWindow *window,
             const char  *name)
{
  int index = easel_table_find_column (window_table (window), name);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static void
collect_sparklines (GtkWidget *widget,
                    GPtrArray *found)
{
  if (EASEL_IS_SPARKLINE (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_sparklines (child, found);
}

/* The sketch of a numeric column computed here from scratch: 20 equal-width bins from the
 * minimum to the maximum, as shares of the tallest. */
static void
sketch_numbers (const EaselColumn *column,
                float              heights[EASEL_SKETCH_BINS])
{
  double lo = INFINITY, hi = -INFINITY;
  guint64 counts[EASEL_SKETCH_BINS] = { 0 }, tallest = 0;

  for (gsize i = 0; i < column->n_rows; i++)
    if (!isnan (column->num[i]))
      {
        lo = MIN (lo, column->num[i]);
        hi = MAX (hi, column->num[i]);
      }
  for (gsize i = 0; i < column->n_rows; i++)
    if (!isnan (column->num[i]))
      {
        guint bin = (guint) floor ((column->num[i] - lo) / (hi - lo) * EASEL_SKETCH_BINS);

        counts[MIN (bin, EASEL_SKETCH_BINS - 1)]++;
      }
  for (guint b = 0; b < EASEL_SKETCH_BINS; b++)
    tallest = MAX (tallest, counts[b]);
  for (guint b = 0; b < EASEL_SKETCH_BINS; b++)
    heights[b] = (float) counts[b] / (float) tallest;
}

static char *
describe_at_cell (EaselChartView *view,
                  guint           row,
                  guint           col,
                  double         *x,
                  double         *y)
{
  EaselChart *chart = easel_chart_view_get_chart (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  g_assert_true (easel_chart_data_to_point (chart, width, height, col, row, x, y));
  return easel_chart_view_describe_point (view, *x, *y);
}

/* Tests */

static void
test_columns (void)
{
  EaselWindow *window = open_ames ();
  EaselExplorePage *page;
  EaselColumnsView *columns;
  const EaselTableSummary *summary;
  g_autoptr(GPtrArray) sparklines = g_ptr_array_new ();
  EaselChartView *chart_view;
  EaselChart *chart;
  const EaselColumn *price, *neighborhood;
  float expected[EASEL_SKETCH_BINS];
  g_autofree guint64 *counts = NULL;
  guint64 first = 0, second = 0;
  g_autofree char *mean = NULL;
  EaselColumnProfile profile = { 0 };
  int price_index, neighborhood_index;

  if (window == NULL)
    return;

  page = easel_window_get_explore_page (window);
  g_assert_cmpstr (easel_explore_page_get_section (page), ==, "columns");
  columns = easel_explore_page_get_columns_view (page);
  easel_ui_test_wait (columns_ready, columns, 60, "the column summaries");

  /* A row per column, each with a sketch */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      easel_columns_view_get_list (columns)))), ==, AMES_COLUMNS);
  summary = easel_columns_view_get_summary (columns);
  g_assert_cmpuint (summary->profile->n_columns, ==, AMES_COLUMNS);
  for (guint i = 0; i < AMES_COLUMNS; i++)
    {
      const EaselColumnSketch *sketch = &summary->sketches[i];
      float tallest = 0;

      g_assert_cmpuint (sketch->n_bars, >, 0);
      for (guint b = 0; b < sketch->n_bars; b++)
        tallest = MAX (tallest, sketch->heights[b]);
      g_assert_cmpfloat (tallest, ==, 1.0f);
    }

  /* The rows on screen draw their sparklines */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_sparklines (GTK_WIDGET (easel_columns_view_get_list (columns)), sparklines);
  g_assert_cmpuint (sparklines->len, >=, 8);
  for (guint i = 0; i < sparklines->len; i++)
    g_assert_cmpuint (easel_sparkline_get_n_bars (g_ptr_array_index (sparklines, i)), >, 0);

  /* Sale_Price: its sketch is the 20-bin histogram computed here */
  price_index = find_column (window, "Sale_Price");
  price = easel_table_get_column (window_table (window), (guint) price_index);
  sketch_numbers (price, expected);
  g_assert_true (summary->sketches[price_index].histogram);
  g_assert_cmpuint (summary->sketches[price_index].n_bars, ==, EASEL_SKETCH_BINS);
  for (guint b = 0; b < EASEL_SKETCH_BINS; b++)
    g_assert_cmpfloat_with_epsilon (summary->sketches[price_index].heights[b], expected[b],
                                    1e-6);

  /* Year_Sold, 2006 to 2010: a bar per year, counted here */
  {
    const EaselColumn *year = easel_table_get_column (window_table (window),
                                                      (guint) find_column (window, "Year_Sold"));
    const EaselColumnSketch *sketch = &summary->sketches[find_column (window, "Year_Sold")];
    guint64 per_year[5] = { 0 }, most = 0;

    for (gsize i = 0; i < year->n_rows; i++)
      per_year[(int) year->num[i] - 2006]++;
    for (guint y = 0; y < 5; y++)
      most = MAX (most, per_year[y]);
    g_assert_cmpuint (sketch->n_bars, ==, 5);
    for (guint y = 0; y < 5; y++)
      g_assert_cmpfloat_with_epsilon (sketch->heights[y], (double) per_year[y] / most, 1e-6);
  }

  /* Neighborhood: bars of its most frequent values, counted here */
  neighborhood_index = find_column (window, "Neighborhood");
  neighborhood = easel_table_get_column (window_table (window), (guint) neighborhood_index);
  counts = g_new0 (guint64, neighborhood->n_categories);
  for (gsize i = 0; i < neighborhood->n_rows; i++)
    counts[neighborhood->codes[i]]++;
  for (guint32 c = 0; c < neighborhood->n_categories; c++)
    {
      if (counts[c] > first)
        {
          second = first;
          first = counts[c];
        }
      else if (counts[c] > second)
        second = counts[c];
    }
  g_assert_false (summary->sketches[neighborhood_index].histogram);
  g_assert_cmpuint (summary->sketches[neighborhood_index].n_bars, ==, EASEL_SKETCH_TOP);
  g_assert_cmpfloat (summary->sketches[neighborhood_index].heights[0], ==, 1.0f);
  g_assert_cmpfloat_with_epsilon (summary->sketches[neighborhood_index].heights[1],
                                  (double) second / (double) first, 1e-6);

  /* Selecting a column shows its histogram and statistics */
  easel_columns_view_select_column (columns, (guint) price_index);
  g_assert_cmpuint (easel_columns_view_get_selected_column (columns), ==, (guint) price_index);
  chart_view = easel_columns_view_get_chart_view (columns);
  wait_for_chart (chart_view, "the histogram of Sale_Price");
  chart = easel_chart_view_get_chart (chart_view);
  g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_HISTOGRAM);
  g_assert_cmpstr (easel_chart_get_title (chart), ==, "Distribution of Sale_Price");
  g_assert_cmpuint (easel_chart_get_histogram (chart)->total, ==, 2930);
  easel_profile_column (price, 10, &profile);
  mean = easel_format_statistic (profile.mean);
  easel_column_profile_clear (&profile);
  g_assert_cmpstr (easel_columns_view_get_statistic (columns, "mean"), ==, mean);
  /* pandas: ames.Sale_Price.mean() = 180796.06, .median() = 160000, .max() = 755000 */
  g_assert_cmpstr (mean, ==, "180796");
  g_assert_cmpstr (easel_columns_view_get_statistic (columns, "median"), ==, "160000");
  g_assert_cmpstr (easel_columns_view_get_statistic (columns, "max"), ==, "755000");

  /* A categorical column gets bars of its values */
  easel_columns_view_select_column (columns, (guint) neighborhood_index);
  wait_for_chart (chart_view, "the bars of Neighborhood");
  chart = easel_chart_view_get_chart (chart_view);
  g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_BAR);
  g_assert_cmpstr (easel_columns_view_get_statistic (columns, "top"), ==, "North_Ames");
  g_assert_null (easel_columns_view_get_statistic (columns, "mean"));

  /* Hovering a bar tells its value: the first bar is the most frequent value */
  {
    double x, y;
    g_autofree char *text = NULL;

    g_assert_true (easel_chart_data_to_point (chart, gtk_widget_get_width (GTK_WIDGET (chart_view)),
                                              gtk_widget_get_height (GTK_WIDGET (chart_view)),
                                              0, first / 2.0, &x, &y));
    text = easel_chart_view_describe_point (chart_view, x, y);
    easel_ui_assert_contains (text, "North_Ames");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_correlations (void)
{
  EaselWindow *window = open_ames ();
  EaselExplorePage *page;
  EaselCorrelationView *view;
  const EaselCorrelation *shown;
  g_autoptr(EaselCorrelation) expected = NULL;
  g_autoptr(GError) error = NULL;
  EaselChartView *heatmap, *scatter;
  EaselChart *chart;
  guint price = G_MAXUINT, area = G_MAXUINT;
  double x, y;

  if (window == NULL)
    return;

  page = easel_window_get_explore_page (window);
  view = easel_explore_page_get_correlation_view (page);
  /* nothing is computed before the section is shown */
  g_assert_null (easel_correlation_view_get_correlation (view));
  g_assert_false (easel_correlation_view_get_busy (view));

  easel_explore_page_set_section (page, "correlations");
  g_assert_true (easel_correlation_view_get_busy (view));
  easel_ui_test_wait (correlation_ready, view, 60, "the correlations");

  /* The matrix is the core's */
  shown = easel_correlation_view_get_correlation (view);
  expected = easel_correlate (window_table (window), EASEL_CORRELATION_PEARSON, NULL, NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->n, ==, AMES_NUMERIC);
  g_assert_cmpuint (shown->n, ==, expected->n);
  for (guint i = 0; i < expected->n; i++)
    {
      g_assert_cmpstr (shown->names[i], ==, expected->names[i]);
      if (g_str_equal (expected->names[i], "Sale_Price"))
        price = i;
      if (g_str_equal (expected->names[i], "Gr_Liv_Area"))
        area = i;
    }
  for (gsize k = 0; k < (gsize) expected->n * expected->n; k++)
    g_assert_cmpfloat_with_epsilon (shown->r[k], expected->r[k], 1e-12);
  g_assert_cmpuint (price, <, expected->n);
  g_assert_cmpuint (area, <, expected->n);

  /* The heatmap has a cell for each pair, each telling its pair and coefficient */
  heatmap = easel_correlation_view_get_heatmap (view);
  wait_for_chart (heatmap, "the heatmap");
  chart = easel_chart_view_get_chart (heatmap);
  g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_HEATMAP);
  g_assert_cmpstr (easel_chart_get_title (chart), ==, "Pearson Correlation");
  for (guint i = 0; i < expected->n; i++)
    for (guint j = 0; j < expected->n; j++)
      {
        g_autofree char *text = describe_at_cell (heatmap, i, j, &x, &y);
        g_autofree char *pair = g_strdup_printf ("%s × %s: ", expected->names[i],
                                                 expected->names[j]);
        guint row, col;

        easel_ui_assert_contains (text, pair);
        g_assert_true (easel_chart_view_get_cell_at (heatmap, x, y, expected->n, expected->n,
                                                     &row, &col));
        g_assert_cmpuint (row, ==, i);
        g_assert_cmpuint (col, ==, j);
      }
  /* left of the cells there is none */
  {
    g_autofree char *text = describe_at_cell (heatmap, 0, 0, &x, &y);
    guint row, col;

    g_assert_false (easel_chart_view_get_cell_at (heatmap, 2, y, expected->n, expected->n,
                                                  &row, &col));
  }
  g_assert_cmpuint (easel_correlation_view_get_n_pairs (view), ==, 10);

  /* A click on the cell (Sale_Price, Gr_Liv_Area) plots that pair */
  scatter = easel_correlation_view_get_scatter (view);
  g_assert_null (easel_chart_view_get_chart (scatter));
  g_free (describe_at_cell (heatmap, price, area, &x, &y));
  easel_chart_view_activate_point (heatmap, x, y);
  wait_for_chart (scatter, "the scatter plot of the pair");
  chart = easel_chart_view_get_chart (scatter);
  g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_SCATTER);
  g_assert_cmpstr (easel_chart_get_title (chart), ==, "Sale_Price against Gr_Liv_Area");

  /* Spearman at the switch: the core's ranks */
  g_clear_pointer (&expected, easel_correlation_free);
  easel_correlation_view_set_method (view, EASEL_CORRELATION_SPEARMAN);
  easel_ui_test_wait (correlation_ready, view, 60, "the Spearman correlations");
  shown = easel_correlation_view_get_correlation (view);
  g_assert_cmpint (shown->method, ==, EASEL_CORRELATION_SPEARMAN);
  expected = easel_correlate (window_table (window), EASEL_CORRELATION_SPEARMAN, NULL, NULL,
                              &error);
  g_assert_no_error (error);
  for (gsize k = 0; k < (gsize) expected->n * expected->n; k++)
    g_assert_cmpfloat_with_epsilon (shown->r[k], expected->r[k], 1e-12);
  wait_for_chart (heatmap, "the Spearman heatmap");
  g_assert_cmpstr (easel_chart_get_title (easel_chart_view_get_chart (heatmap)), ==,
                   "Spearman Correlation");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_row_shows (AdwComboRow *row,
                  const char  *text)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, text);
}

static void
test_chart_builder (void)
{
  EaselWindow *window = open_ames ();
  EaselExplorePage *page;
  EaselChartBuilder *builder;
  EaselChartView *view;
  EaselChart *chart;
  const EaselChartKind *kinds;
  guint n_kinds;

  if (window == NULL)
    return;

  page = easel_window_get_explore_page (window);
  builder = easel_explore_page_get_chart_builder (page);
  view = easel_chart_builder_get_chart_view (builder);
  easel_explore_page_set_section (page, "chart-builder");

  /* It starts with a histogram of the first numeric column */
  wait_for_chart (view, "the first chart");
  g_assert_cmpint (easel_chart_get_kind (easel_chart_view_get_chart (view)), ==,
                   EASEL_CHART_HISTOGRAM);
  g_assert_cmpint (easel_chart_builder_get_column (builder, EASEL_CHART_ROLE_X), ==,
                   find_column (window, "Lot_Frontage"));

  /* Box plots of Sale_Price by neighbourhood */
  g_assert_true (easel_chart_builder_set_chart (builder, EASEL_CHART_BOX, "Neighborhood",
                                                "Sale_Price", NULL));
  wait_for_chart (view, "the box plots");
  chart = easel_chart_view_get_chart (view);
  g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_BOX);
  g_assert_cmpstr (easel_chart_get_title (chart), ==, "Sale_Price by Neighborhood");
  assert_row_shows (easel_chart_builder_get_kind_row (builder), "Box Plot");
  assert_row_shows (easel_chart_builder_get_row (builder, EASEL_CHART_ROLE_X), "Neighborhood");
  assert_row_shows (easel_chart_builder_get_row (builder, EASEL_CHART_ROLE_Y), "Sale_Price");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (easel_chart_builder_get_row (
                    builder, EASEL_CHART_ROLE_COLOR))));
  /* hovering the first box tells its median */
  {
    double x, y;
    g_autofree char *text = NULL;

    g_assert_true (easel_chart_data_to_point (chart, gtk_widget_get_width (GTK_WIDGET (view)),
                                              gtk_widget_get_height (GTK_WIDGET (view)),
                                              0, 150000, &x, &y));
    text = easel_chart_view_describe_point (view, x, y);
    easel_ui_assert_contains (text, "Median");
  }

  /* A numeric column cannot group box plots; the rows keep only the columns that fit */
  g_assert_false (easel_chart_builder_set_chart (builder, EASEL_CHART_BOX, "Lot_Area",
                                                 "Sale_Price", NULL));
  g_assert_cmpint (easel_chart_builder_get_column (builder, EASEL_CHART_ROLE_X), !=,
                   find_column (window, "Lot_Area"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      easel_chart_builder_get_row (builder, EASEL_CHART_ROLE_Y))), ==,
                    AMES_NUMERIC);

  /* Each kind, chosen in its row as a person would, gives a chart of that kind */
  kinds = easel_chart_kinds_get (&n_kinds);
  g_assert_cmpuint (n_kinds, ==, 7);
  for (guint i = 0; i < n_kinds; i++)
    {
      adw_combo_row_set_selected (easel_chart_builder_get_kind_row (builder), i);
      g_assert_cmpint (easel_chart_builder_get_kind (builder), ==, kinds[i]);
      wait_for_chart (view, easel_chart_kind_get_label (kinds[i]));
      g_assert_cmpint (easel_chart_get_kind (easel_chart_view_get_chart (view)), ==, kinds[i]);
    }

  /* Colours and lines per group */
  g_assert_true (easel_chart_builder_set_chart (builder, EASEL_CHART_SCATTER, "Gr_Liv_Area",
                                                "Sale_Price", "Bldg_Type"));
  wait_for_chart (view, "the coloured scatter plot");
  assert_row_shows (easel_chart_builder_get_row (builder, EASEL_CHART_ROLE_COLOR), "Bldg_Type");
  g_assert_true (easel_chart_builder_set_chart (builder, EASEL_CHART_LINE, "Year_Built",
                                                "Sale_Price", "Central_Air"));
  wait_for_chart (view, "the line chart");
  g_assert_cmpstr (easel_chart_get_title (easel_chart_view_get_chart (view)), ==,
                   "Mean Sale_Price by Year_Built");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!easel_chart_view_save_finish (EASEL_CHART_VIEW (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  /* a marker that the save is over */
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "saved");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Saves the chart of 'view' to 'path'; NULL on success, else the error. */
static GError *
save_chart (EaselChartView *view,
            const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  easel_chart_view_save_async (view, file, NULL, save_done_cb, &error);
  easel_ui_test_wait (error_set, &error, 60, "the export");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);

  return error;
}

static void
test_export (void)
{
  EaselWindow *window = open_ames ();
  g_autofree char *dir = g_dir_make_tmp ("easel-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "chart.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  EaselChartBuilder *builder;
  EaselChartView *view;
  gsize length;
  guint32 width, height;

  if (window == NULL)
    return;

  builder = easel_explore_page_get_chart_builder (easel_window_get_explore_page (window));
  view = easel_chart_builder_get_chart_view (builder);
  easel_explore_page_set_section (easel_window_get_explore_page (window), "chart-builder");
  g_assert_true (easel_chart_builder_set_chart (builder, EASEL_CHART_SCATTER, "Gr_Liv_Area",
                                                "Sale_Price", NULL));
  wait_for_chart (view, "the scatter plot");

  /* PNG: twice the size on screen, for sharp text */
  g_assert_null (save_chart (view, png));
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  width = GUINT32_FROM_BE (*(guint32 *) (contents + 16));
  height = GUINT32_FROM_BE (*(guint32 *) (contents + 20));
  g_assert_cmpuint (width, ==, 2 * gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpuint (height, ==, 2 * gtk_widget_get_height (GTK_WIDGET (view)));
  g_clear_pointer (&contents, g_free);

  /* The view has its chart back, ready to draw */
  easel_ui_test_wait (chart_ready, view, 30, "the chart after the export");
  g_assert_nonnull (easel_chart_view_get_chart (view));

  g_assert_null (save_chart (view, svg));
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  easel_ui_assert_contains (contents, "<svg");
  g_clear_pointer (&contents, g_free);

  g_assert_null (save_chart (view, pdf));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  g_clear_pointer (&contents, g_free);

  /* An unknown extension is refused with a sentence naming the file */
  error = save_chart (view, txt);
  g_assert_nonnull (error);
  easel_ui_assert_contains (error->message, "chart.txt");
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static gboolean
section_is_columns (gpointer data)
{
  return g_strcmp0 (easel_explore_page_get_section (data), "columns") == 0;
}

static AdwPreferencesGroup *
row_group (GtkWidget *row)
{
  return ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
}

static void
test_insights (void)
{
  EaselWindow *window = open_ames ();
  EaselExplorePage *page;
  EaselInsightsView *view;
  const EaselInsights *insights;
  g_autoptr(EaselInsights) expected = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  guint n_groups = 0;
  GtkWidget *linked = NULL;
  const char *linked_column = NULL;
  int linked_index;

  if (window == NULL)
    return;

  page = easel_window_get_explore_page (window);
  view = easel_explore_page_get_insights_view (page);
  easel_explore_page_set_section (page, "insights");
  easel_ui_test_wait (insights_ready, view, 120, "the insights");

  /* Every warning has a row, in the group of its severity */
  insights = easel_insights_view_get_insights (view);
  g_assert_null (insights->target);
  rows = easel_insights_view_get_warning_rows (view);
  g_assert_cmpuint (rows->len, ==, insights->warnings->len);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const EaselInsight *insight = g_ptr_array_index (insights->warnings, i);

      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       insight->message);
      g_assert_true (row_group (row) == easel_insights_view_get_group (view, insight->severity));
      if (insight->column != NULL)
        {
          easel_ui_assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    insight->column);
          /* not the first column: that one is selected from the start */
          if (linked == NULL && !g_str_equal (insight->column, "MS_SubClass"))
            {
              linked = row;
              linked_column = insight->column;
            }
        }
    }
  for (EaselSeverity s = EASEL_SEVERITY_LOW; s <= EASEL_SEVERITY_HIGH; s++)
    n_groups += easel_insights_view_get_group (view, s) != NULL;
  g_assert_cmpuint (n_groups, >=, 1);
  g_assert_cmpuint (easel_insights_view_get_n_power_rows (view), ==, 0);

  /* Activating a warning shows its column, in Explore and in the grid */
  g_assert_nonnull (linked);
  linked_index = find_column (window, linked_column);
  /* the row presses its button, which shows itself pressed for a moment first */
  gtk_widget_activate (linked);
  easel_ui_test_wait (section_is_columns, page, 30, "the Columns section");
  g_assert_cmpstr (easel_explore_page_get_section (page), ==, "columns");
  g_assert_cmpuint (easel_columns_view_get_selected_column (
                      easel_explore_page_get_columns_view (page)), ==, (guint) linked_index);
  g_assert_cmpuint (easel_data_page_get_selected_column (easel_window_get_data_page (window)),
                    ==, (guint) linked_index);

  /* With Sale_Price to predict: one bar per other column, strongest first, the core's */
  easel_explore_page_set_section (page, "insights");
  g_assert_true (easel_insights_view_set_target (view, "Sale_Price"));
  g_assert_true (easel_insights_view_get_busy (view));
  g_assert_cmpstr (easel_insights_view_get_target (view), ==, "Sale_Price");
  easel_ui_test_wait (insights_ready, view, 300, "the insights with a target");
  insights = easel_insights_view_get_insights (view);
  g_assert_cmpstr (insights->target, ==, "Sale_Price");
  g_assert_cmpuint (easel_insights_view_get_n_power_rows (view), ==, AMES_COLUMNS - 1);

  expected = easel_insights_compute (window_table (window), "Sale_Price", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < AMES_COLUMNS - 1; i++)
    {
      const char *name = easel_insights_view_get_power_column (view, i);
      double value = easel_insights_view_get_power_value (view, i);
      int index = find_column (window, name);

      g_assert_cmpstr (name, !=, "Sale_Price");
      if (isnan (expected->predictive_power[index]))
        g_assert_true (isnan (value));
      else
        g_assert_cmpfloat_with_epsilon (value, expected->predictive_power[index], 1e-9);
      if (i > 0 && !isnan (value))
        g_assert_cmpfloat (value, <=, easel_insights_view_get_power_value (view, i - 1));
    }
  g_assert_false (isnan (easel_insights_view_get_power_value (view, 0)));

  /* Back to no target: no bars */
  g_assert_true (easel_insights_view_set_target (view, NULL));
  easel_ui_test_wait (insights_ready, view, 120, "the insights without a target");
  g_assert_cmpuint (easel_insights_view_get_n_power_rows (view), ==, 0);
  g_assert_false (easel_insights_view_set_target (view, "No such column"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new table drops what was computed for the old one, even while it is computed. */
static void
test_stale_results (void)
{
  EaselWindow *window = open_ames ();
  g_autofree char *iris = easel_ui_test_dataset ("iris.csv");
  g_autoptr(GFile) file = NULL;
  EaselExplorePage *page;
  EaselCorrelationView *view;

  if (window == NULL)
    return;
  if (iris == NULL)
    {
      g_test_skip ("iris.csv is not available");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  page = easel_window_get_explore_page (window);
  view = easel_explore_page_get_correlation_view (page);
  easel_explore_page_set_section (page, "correlations");
  g_assert_true (easel_correlation_view_get_busy (view));

  file = g_file_new_for_path (iris);
  easel_window_open (window, file);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 60, "the import of iris.csv");
  easel_ui_test_wait (correlation_ready, view, 60, "the correlations of iris");
  /* iris has four numeric columns; ames' 34 never showed */
  g_assert_cmpuint (easel_correlation_view_get_correlation (view)->n, ==, 4);
  g_assert_cmpstr (easel_window_get_view (window), ==, "explore");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Drawing a frame takes a few milliseconds; computing any of the work on the main thread
 * would take seconds. */
static void
check_stall (EaselUiTestTicks *ticks,
             const char       *what)
{
  easel_ui_test_tick_cb (ticks);
  g_test_message ("%s: the main loop stalled %.0f ms at most", what, ticks->longest / 1000.0);
#ifndef __SANITIZE_THREAD__
  /* (ThreadSanitizer slows every thread several times over: there, only races count) */
  g_assert_cmpint (ticks->longest, <, 500 * G_TIME_SPAN_MILLISECOND);
#endif
  ticks->longest = 0;
}

static void
test_million_rows (void)
{
  const gsize n_rows = 1000000;
  EaselWindow *window = easel_window_new (NULL);
  g_autoptr(EaselImportJob) job = easel_import_job_new_synthetic (n_rows);
  EaselExplorePage *page;
  EaselColumnsView *columns;
  EaselCorrelationView *correlation;
  EaselChartBuilder *builder;
  EaselUiTestTicks ticks = { 0 };
  guint tick;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  easel_window_import (window, job);
  easel_ui_test_wait (easel_ui_test_window_idle, window, 120, "the synthetic table");

  page = easel_window_get_explore_page (window);
  columns = easel_explore_page_get_columns_view (page);
  correlation = easel_explore_page_get_correlation_view (page);
  builder = easel_explore_page_get_chart_builder (page);

  ticks.last = g_get_monotonic_time ();
  tick = g_timeout_add (20, easel_ui_test_tick_cb, &ticks);

  /* Columns: profiles of a million rows, then a histogram */
  easel_window_set_view (window, "explore");
  easel_ui_test_wait (columns_ready, columns, 120, "the column summaries");
  g_assert_cmpuint (easel_columns_view_get_summary (columns)->profile->n_rows, ==, n_rows);
  easel_columns_view_select_column (columns, (guint) easel_table_find_column (
                                      easel_explore_page_get_table (page), "score"));
  wait_for_chart (easel_columns_view_get_chart_view (columns), "the histogram of score");
  check_stall (&ticks, "showing the columns");

  /* Correlations, and a scatter of a million points (a density image) */
  easel_explore_page_set_section (page, "correlations");
  easel_ui_test_wait (correlation_ready, correlation, 120, "the correlations");
  easel_correlation_view_select_columns (correlation, "x", "score");
  wait_for_chart (easel_correlation_view_get_scatter (correlation), "the scatter plot");
  g_assert_cmpint (easel_chart_get_kind (easel_chart_view_get_chart (
                     easel_correlation_view_get_scatter (correlation))), ==,
                   EASEL_CHART_SCATTER);
  {
    /* Another size once the chart is there (as when a label beside it changes): a density
     * image is made again for it, on a worker, which has the chart meanwhile. That used to
     * leave the test holding no chart, at random: the build sometimes beat the layout. */
    EaselChartView *scatter = easel_correlation_view_get_scatter (correlation);
    guint went_busy = 0;
    gulong handler = g_signal_connect (scatter, "notify::busy", G_CALLBACK (count_busy_cb),
                                       &went_busy);
    EaselChart *chart;

    gtk_widget_set_size_request (GTK_WIDGET (scatter), -1,
                                 gtk_widget_get_height (GTK_WIDGET (scatter)) + 100);
    chart = wait_for_chart (scatter, "the scatter plot at its new size");
    g_signal_handler_disconnect (scatter, handler);
    g_assert_cmpuint (went_busy, >, 0);
    g_assert_cmpint (easel_chart_get_kind (chart), ==, EASEL_CHART_SCATTER);
    g_assert_false (easel_chart_needs_prepare (chart, gtk_widget_get_width (GTK_WIDGET (scatter)),
                                               gtk_widget_get_height (GTK_WIDGET (scatter)),
                                               gtk_widget_get_scale_factor (
                                                 GTK_WIDGET (scatter))));
    gtk_widget_set_size_request (GTK_WIDGET (scatter), -1, -1);
  }
  check_stall (&ticks, "computing the correlations");

  /* Box plots of a million values by region */
  easel_explore_page_set_section (page, "chart-builder");
  g_assert_true (easel_chart_builder_set_chart (builder, EASEL_CHART_BOX, "region", "score",
                                                NULL));
  wait_for_chart (easel_chart_builder_get_chart_view (builder), "the box plots");

  check_stall (&ticks, "drawing the box plots");

  /* Insights, with a column to predict */
  easel_explore_page_set_section (page, "insights");
  g_assert_true (easel_insights_view_set_target (easel_explore_page_get_insights_view (page),
                                                 "score"));
  easel_ui_test_wait (insights_ready, easel_explore_page_get_insights_view (page), 600,
                      "the insights");
  g_assert_cmpuint (easel_insights_view_get_n_power_rows (
                      easel_explore_page_get_insights_view (page)), ==, 7);
  check_stall (&ticks, "looking for problems");
  g_source_remove (tick);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A background task is let go of on the thread that made it. Its callback runs there, but
 * the worker thread holds the task until its function returns: were that the last
 * reference, the task's source object (a chart view whose window closed meanwhile) would be
 * finalized on the worker thread, under the interface's feet. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean released;   /* the main thread let go of the task and its source */
  gboolean done;       /* the callback ran */
  gpointer finalized_on;
} Handoff;

static void
handoff_source_finalized_cb (gpointer  data,
                             GObject  *where_the_object_was)
{
  Handoff *handoff = data;

  g_atomic_pointer_set (&handoff->finalized_on, g_thread_self ());
}

static void
handoff_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Handoff *handoff = task_data;

  g_task_return_boolean (task, TRUE);
  /* the callback runs, and everything on the main thread lets go, before this returns */
  g_mutex_lock (&handoff->lock);
  while (!handoff->released)
    g_cond_wait (&handoff->cond, &handoff->lock);
  g_mutex_unlock (&handoff->lock);
}

static void
handoff_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Handoff *handoff = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  handoff->done = TRUE;
}

static gboolean
handoff_done (gpointer data)
{
  return ((Handoff *) data)->done;
}

static gboolean
handoff_finalized (gpointer data)
{
  return g_atomic_pointer_get (&((Handoff *) data)->finalized_on) != NULL;
}

static void
test_task_released_on_main_thread (void)
{
  Handoff handoff = { 0 };
  GObject *source = g_object_new (G_TYPE_OBJECT, NULL);
  GTask *task;

  g_mutex_init (&handoff.lock);
  g_cond_init (&handoff.cond);
  g_object_weak_ref (source, handoff_source_finalized_cb, &handoff);

  task = g_task_new (source, NULL, handoff_done_cb, &handoff);
  g_task_set_task_data (task, &handoff, NULL);
  easel_worker_run_task (task, handoff_in_thread);
  g_object_unref (task);
  g_object_unref (source);

  easel_ui_test_wait (handoff_done, &handoff, 30, "the task's callback");
  easel_ui_test_flush ();
  g_assert_null (g_atomic_pointer_get (&handoff.finalized_on));

  /* only the worker thread holds the task now */
  g_mutex_lock (&handoff.lock);
  handoff.released = TRUE;
  g_cond_signal (&handoff.cond);
  g_mutex_unlock (&handoff.lock);
  easel_ui_test_wait (handoff_finalized, &handoff, 30, "the task's source to go");
  g_assert_true (g_atomic_pointer_get (&handoff.finalized_on) == (gpointer) g_thread_self ());

  g_mutex_clear (&handoff.lock);
  g_cond_clear (&handoff.cond);
}

int
main (int   argc,
      char *argv[])
{
  /* Software GL compiles each shader on the main thread the first time it is used, for a
   * good part of a second under Xvfb: that would be counted as a freeze of the window. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  easel_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/explore/columns", test_columns);
  g_test_add_func ("/ui/explore/correlations", test_correlations);
  g_test_add_func ("/ui/explore/chart-builder", test_chart_builder);
  g_test_add_func ("/ui/explore/export", test_export);
  g_test_add_func ("/ui/explore/insights", test_insights);
  g_test_add_func ("/ui/explore/stale-results", test_stale_results);
  g_test_add_func ("/ui/explore/million-rows", test_million_rows);
  g_test_add_func ("/ui/explore/task-released-on-main-thread",
                   test_task_released_on_main_thread);

  return g_test_run ();
}
