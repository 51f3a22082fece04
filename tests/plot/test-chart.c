/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* Every chart kind to PNG, SVG and PDF; pixels where the data says they should be; the
 * density grid of 10 million points; hover text; bad input. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "easel-core.h"
#include "easel-chart.h"

#define W 640
#define H 400

typedef struct
{
  guint8 r, g, b;
} Pixel;

/* ---- helpers ---- */

static cairo_surface_t *
render (EaselChart *chart,
        int         width,
        int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  easel_chart_render (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 v;
  Pixel p;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  v = *(const guint32 *) (const void *) (data + iy * cairo_image_surface_get_stride (surface)
                                         + ix * 4);
  /* the background is opaque, so premultiplied = straight */
  g_assert_cmpuint (v >> 24, ==, 0xff);
  p.r = (v >> 16) & 0xff;
  p.g = (v >> 8) & 0xff;
  p.b = v & 0xff;
  return p;
}

static Pixel
rgb (const EaselRgba *c)
{
  Pixel p = { (guint8) round (c->red * 255), (guint8) round (c->green * 255),
              (guint8) round (c->blue * 255) };

  return p;
}

/* c over white/background 'bg' with opacity a */
static Pixel
blend (const EaselRgba *c,
       const EaselRgba *bg,
       double           a)
{
  EaselRgba m = { c->red * a + bg->red * (1 - a), c->green * a + bg->green * (1 - a),
                  c->blue * a + bg->blue * (1 - a), 1 };

  return rgb (&m);
}

#define assert_pixel(surface, x, y, expected, tolerance) \
  G_STMT_START { \
    Pixel __p = pixel_at ((surface), (x), (y)), __e = (expected); \
    int __t = (tolerance); \
    if (ABS ((int) __p.r - __e.r) > __t || ABS ((int) __p.g - __e.g) > __t \
        || ABS ((int) __p.b - __e.b) > __t) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("pixel (%g, %g) is #%02x%02x%02x, expected " \
                                            "#%02x%02x%02x", (double) (x), (double) (y), \
                                            __p.r, __p.g, __p.b, __e.r, __e.g, __e.b)); \
  } G_STMT_END

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *__h = (haystack), *__n = (needle); \
    if (__h == NULL || strstr (__h, __n) == NULL) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           g_strdup_printf ("expected \"%s\" to contain \"%s\"", \
                                            __h ? __h : "(null)", __n)); \
  } G_STMT_END

static void
point (EaselChart *chart,
       double      dx,
       double      dy,
       double     *x,
       double     *y)
{
  g_assert_true (easel_chart_data_to_point (chart, W, H, dx, dy, x, y));
}

/* ---- one chart of each kind ---- */

static EaselChart *
make_histogram (void)
{
  double v[1000];

  /* 990 values of 0.5, ten spread up to 10: the IQR is 0, so Sturges' 11 bins, and the
   * first holds nearly everything */
  for (guint i = 0; i < 990; i++)
    v[i] = 0.5;
  for (guint i = 990; i < 1000; i++)
    v[i] = 1.0 + (i - 990);
  return easel_chart_new_histogram (v, 1000);
}

static EaselChart *
make_bar (void)
{
  const char *labels[] = { "small", "large", "medium" };
  const double counts[] = { 10, 80, 40 };

  return easel_chart_new_bar (labels, counts, 3, 0);
}

static EaselChart *
make_scatter (void)
{
  const double x[] = { 1, 2, 3, 4, 5 };
  const double y[] = { 2, 4, 3, 5, 1 };
  const gint32 g[] = { 0, 1, 0, 1, -1 };
  const char *names[] = { "odd", "even" };

  return easel_chart_new_scatter (x, y, 5, g, names, 2);
}

static EaselChart *
make_box (void)
{
  double v[200];
  gint32 g[200];
  const char *names[] = { "A", "B" };

  for (guint i = 0; i < 200; i++)
    {
      v[i] = (i % 100) + (i < 100 ? 0 : 50);
      g[i] = i < 100 ? 0 : 1;
    }
  v[0] = 390;  /* an outlier (not on a grid line) */
  return easel_chart_new_box (v, 200, g, names, 2);
}

static EaselChart *
make_heatmap (void)
{
  const double cells[] = { 1, -1, 0.5, -1, 1, 0, 0.5, 0, 1 };
  const char *names[] = { "alpha", "beta", "gamma" };

  return easel_chart_new_heatmap (cells, 3, 3, names, names, -1, 1);
}

static EaselChart *
make_line (void)
{
  const double x[] = { 0, 0.5, 1 };
  const double flat[] = { 0.5, 0.5, 0.5 };
  const double rising[] = { 0, 0.5, 1 };
  EaselChart *chart = easel_chart_new_line ();

  easel_chart_add_series (chart, "flat", x, flat, 3);
  easel_chart_add_series (chart, "rising", x, rising, 3);
  easel_chart_set_x_range (chart, 0, 1);
  easel_chart_set_y_range (chart, 0, 1);
  return chart;
}

static EaselChart *
make_missing (EaselMissingView view)
{
  guint8 none[10] = { 0 }, half[10] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, all[10];
  const guint8 *masks[] = { none, half, all, NULL };
  const char *names[] = { "complete", "half", "empty", "unmasked" };

  memset (all, 1, sizeof all);
  return easel_chart_new_missing (names, masks, 4, 10, view);
}

static EaselChart *
make_image_grid (void)
{
  double pixels[3 * 16];

  for (guint i = 0; i < 16; i++)
    {
      pixels[i] = 16;        /* all ink */
      pixels[16 + i] = 0;    /* all paper */
      pixels[32 + i] = i;    /* a ramp */
    }
  return easel_chart_new_image_grid (pixels, 3, 4, 4, 0, 16, NULL);
}

static EaselChart *
make_kind (EaselChartKind kind)
{
  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
      return make_histogram ();
    case EASEL_CHART_BAR:
      return make_bar ();
    case EASEL_CHART_SCATTER:
      return make_scatter ();
    case EASEL_CHART_BOX:
      return make_box ();
    case EASEL_CHART_HEATMAP:
      return make_heatmap ();
    case EASEL_CHART_LINE:
      return make_line ();
    case EASEL_CHART_MISSING:
      return make_missing (EASEL_MISSING_VIEW_BARS);
    case EASEL_CHART_IMAGE_GRID:
    default:
      return make_image_grid ();
    }
}

/* ---- files ---- */

static void
assert_file_starts_with (const char *path,
                         const char *magic,
                         gsize       len)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, len);
  if (memcmp (contents, magic, len) != 0)
    g_error ("%s does not start with the expected bytes", path);
}

static void
test_save_every_kind (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-plot-XXXXXX", &error);

  g_assert_no_error (error);
  for (int kind = EASEL_CHART_HISTOGRAM; kind <= EASEL_CHART_IMAGE_GRID; kind++)
    {
      g_autoptr (EaselChart) chart = make_kind ((EaselChartKind) kind);
      g_autofree char *png = g_strdup_printf ("%s/chart-%d.png", dir, kind);
      g_autofree char *svg = g_strdup_printf ("%s/chart-%d.svg", dir, kind);
      g_autofree char *pdf = g_strdup_printf ("%s/chart-%d.PDF", dir, kind);
      cairo_surface_t *image;

      g_assert_cmpint (easel_chart_get_kind (chart), ==, kind);
      easel_chart_set_title (chart, "A chart");
      g_assert_true (easel_chart_save (chart, png, 321, 203, &error));
      g_assert_no_error (error);
      g_assert_true (easel_chart_save (chart, svg, 321, 203, &error));
      g_assert_no_error (error);
      g_assert_true (easel_chart_save (chart, pdf, 321, 203, &error));
      g_assert_no_error (error);

      assert_file_starts_with (png, "\x89PNG\r\n\x1a\n", 8);
      assert_file_starts_with (pdf, "%PDF", 4);
      {
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
        assert_contains (contents, "<svg");
        assert_contains (contents, "width=\"321\"");
      }
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 321);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 203);
      cairo_surface_destroy (image);

      g_unlink (png);
      g_unlink (svg);
      g_unlink (pdf);
    }
  g_rmdir (dir);
}

static void
test_save_errors (void)
{
  g_autoptr (EaselChart) chart = make_bar ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("easel-plot-XXXXXX", &error);
  g_autofree char *missing_dir = g_build_filename (dir, "no", "such", "folder", "c.png", NULL);
  g_autofree char *bmp = g_build_filename (dir, "chart.bmp", NULL);
  g_autofree char *bare = g_build_filename (dir, "chart", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);

  g_assert_no_error (error);

  g_assert_false (easel_chart_save (chart, missing_dir, 100, 100, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_IO);
  assert_contains (error->message, missing_dir);
  g_clear_error (&error);

  g_assert_false (easel_chart_save (chart, bmp, 100, 100, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, ".bmp");
  assert_contains (error->message, bmp);
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (easel_chart_save (chart, bare, 100, 100, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, "extension");
  g_clear_error (&error);

  g_assert_false (easel_chart_save (chart, png, 0, 100, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, "0 × 100");
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_rmdir (dir);
}

/* ---- pixels ---- */

static void
test_histogram_pixels (void)
{
  g_autoptr (EaselChart) chart = make_histogram ();
  const EaselHistogram *h = easel_chart_get_histogram (chart);
  EaselChartStyle light;
  cairo_surface_t *s;
  guint tall = 0, empty = G_MAXUINT;
  double x, y, top, px, py, pw, ph;
  guint64 sum = 0;

  easel_chart_style_init_light (&light);
  g_assert_nonnull (h);
  for (guint i = 0; i < h->n_bins; i++)
    {
      sum += h->counts[i];
      if (h->counts[i] > h->counts[tall])
        tall = i;
      if (h->counts[i] == 0 && empty == G_MAXUINT)
        empty = i;
    }
  g_assert_cmpuint (sum, ==, 1000);
  g_assert_cmpuint (h->counts[tall], >=, 900);
  g_assert_cmpuint (empty, !=, G_MAXUINT);

  s = render (chart, W, H);
  /* inside the tall bar: the bar colour */
  point (chart, (h->edges[tall] + h->edges[tall + 1]) / 2, h->counts[tall] / 2.0, &x, &y);
  assert_pixel (s, x, y, rgb (&light.palette[0]), 0);
  point (chart, (h->edges[tall] + h->edges[tall + 1]) / 2, h->counts[tall] * 0.97, &x, &top);
  assert_pixel (s, x, top, rgb (&light.palette[0]), 0);
  /* over an empty bin, from the top of the plot to the baseline: background or grid */
  point (chart, (h->edges[empty] + h->edges[empty + 1]) / 2, h->counts[tall] * 0.5, &x, &y);
  easel_chart_get_plot_area (chart, W, H, &px, &py, &pw, &ph);
  g_assert_cmpfloat (x, >, px);
  g_assert_cmpfloat (x, <, px + pw);
  {
    Pixel bg = rgb (&light.background);
    Pixel grid = blend (&light.grid, &light.background, light.grid.alpha);
    guint grid_rows = 0;

    for (double yy = py; yy < py + ph - 2; yy++)
      {
        Pixel p = pixel_at (s, x, yy);

        if (p.r == grid.r && p.g == grid.g && p.b == grid.b)
          grid_rows++;
        else if (p.r != bg.r || p.g != bg.g || p.b != bg.b)
          g_error ("pixel (%g, %g) over an empty bin is #%02x%02x%02x", x, yy, p.r, p.g, p.b);
      }
    g_assert_cmpuint (grid_rows, >=, 2);
  }
  /* the corner of the canvas: the background */
  assert_pixel (s, 1, 1, rgb (&light.background), 0);
  assert_pixel (s, W - 2, H - 2, rgb (&light.background), 0);
  cairo_surface_destroy (s);
}

/* Crisp 1px grid lines: the row of a grid line is all grid colour, its neighbours are
 * untouched background. */
static void
test_crisp_grid_lines (void)
{
  g_autoptr (EaselChart) chart = make_histogram ();
  const EaselHistogram *h = easel_chart_get_histogram (chart);
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y, lo, hi;
  Pixel grid;

  easel_chart_style_init_light (&light);
  grid = blend (&light.grid, &light.background, light.grid.alpha);
  s = render (chart, W, H);
  /* 1000 rows is a grid line (the top one) for any 1-2-5 step over 0..990 */
  point (chart, (h->edges[h->n_bins - 2] + h->edges[h->n_bins - 1]) / 2, 1000, &x, &y);
  assert_pixel (s, x, y, grid, 1);
  assert_pixel (s, x, y - 1, rgb (&light.background), 0);
  assert_pixel (s, x, y + 1, rgb (&light.background), 0);
  /* and at scale 2 the line is two device pixels, still crisp */
  cairo_surface_destroy (s);
  easel_chart_set_scale (chart, 2.0);
  s = render (chart, 2 * W, 2 * H);
  g_assert_true (easel_chart_data_to_point (chart, 2 * W, 2 * H,
                                            (h->edges[h->n_bins - 2] + h->edges[h->n_bins - 1]) / 2,
                                            1000, &x, &y));
  lo = floor (y);
  hi = lo + 1;
  if (pixel_at (s, x, lo - 1).r != 255)
    {
      hi = lo;
      lo = lo - 1;
    }
  assert_pixel (s, x, lo, grid, 1);
  assert_pixel (s, x, hi, grid, 1);
  assert_pixel (s, x, lo - 1, rgb (&light.background), 0);
  assert_pixel (s, x, hi + 1, rgb (&light.background), 0);
  cairo_surface_destroy (s);
}

static void
test_dark_style (void)
{
  g_autoptr (EaselChart) chart = make_histogram ();
  const EaselHistogram *h;
  EaselChartStyle dark;
  cairo_surface_t *s;
  double x, y;
  Pixel corner;

  easel_chart_style_init_dark (&dark);
  easel_chart_set_style (chart, &dark);
  g_assert_true (easel_chart_get_style (chart)->dark);
  h = easel_chart_get_histogram (chart);
  s = render (chart, W, H);
  corner = pixel_at (s, 0, 0);
  g_assert_cmpuint (corner.r, ==, 0x1e);
  g_assert_cmpuint (corner.g, ==, 0x1e);
  g_assert_cmpuint (corner.b, ==, 0x1e);
  assert_pixel (s, W - 1, H - 1, rgb (&dark.background), 0);
  point (chart, (h->edges[0] + h->edges[1]) / 2, h->counts[0] / 2.0, &x, &y);
  assert_pixel (s, x, y, rgb (&dark.palette[0]), 0);
  cairo_surface_destroy (s);
}

static void
test_bar_pixels (void)
{
  g_autoptr (EaselChart) chart = make_bar ();
  g_autoptr (GError) error = NULL;
  const char *values[] = { "x", "y", NULL, "x", "x", NULL, NULL, NULL };
  g_autoptr (EaselColumn) column = easel_column_new_from_strings ("letters",
                                                                  EASEL_COLUMN_CATEGORICAL,
                                                                  values, 8);
  g_autoptr (EaselChart) from_column = easel_chart_new_bar_from_column (column, 0, &error);
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  /* sorted largest first: bar 0 is "large" (80), bar 2 is "small" (10) */
  point (chart, 0, 40, &x, &y);
  assert_pixel (s, x, y, rgb (&light.palette[0]), 0);
  point (chart, 2, 5, &x, &y);
  assert_pixel (s, x, y, rgb (&light.palette[0]), 0);
  point (chart, 2, 30, &x, &y);   /* above the small bar */
  assert_pixel (s, x, y, rgb (&light.background), 0);
  point (chart, 0, 40, &x, &y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (text, ==, "large: 80 (61.5%)");
  cairo_surface_destroy (s);

  /* from a column: the missing values get their own grey bar, largest first */
  g_assert_no_error (error);
  s = render (from_column, W, H);
  g_assert_true (easel_chart_data_to_point (from_column, W, H, 0, 2, &x, &y));
  assert_pixel (s, x, y, rgb (&light.other), 0);       /* Missing: 4 */
  g_clear_pointer (&text, g_free);
  text = easel_chart_describe_point (from_column, x, y, W, H);
  g_assert_cmpstr (text, ==, "Missing: 4 (50.0%)");
  g_assert_true (easel_chart_data_to_point (from_column, W, H, 1, 1.5, &x, &y));
  assert_pixel (s, x, y, rgb (&light.palette[0]), 0);  /* x: 3 */
  cairo_surface_destroy (s);
}

static void
test_bar_other (void)
{
  const char *labels[] = { "a", "b", "c", "d", "e", "f" };
  const double counts[] = { 1, 6, 2, 5, 3, 4 };
  g_autoptr (EaselChart) chart = easel_chart_new_bar (labels, counts, 6, 3);
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *first = NULL, *other = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  /* kept: b (6), d (5); folded: f + e + c + a = 10 */
  point (chart, 0, 3, &x, &y);
  first = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (first, ==, "b: 6 (28.6%)");
  point (chart, 2, 9, &x, &y);
  other = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (other, ==, "Other (4): 10 (47.6%)");
  assert_pixel (s, x, y, rgb (&light.other), 0);
  cairo_surface_destroy (s);
}

static void
test_scatter_pixels (void)
{
  g_autoptr (EaselChart) chart = make_scatter ();
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  /* few points: opacity 0.85 over the background (and the grid lines there, at whole
   * numbers, which show through by a few levels) */
  point (chart, 1, 2, &x, &y);
  assert_pixel (s, x, y, blend (&light.palette[0], &light.background, 0.85), 5);
  point (chart, 2, 4, &x, &y);
  assert_pixel (s, x, y, blend (&light.palette[1], &light.background, 0.85), 5);
  point (chart, 5, 1, &x, &y);   /* no group: the "other" grey */
  assert_pixel (s, x, y, blend (&light.other, &light.background, 0.85), 5);
  point (chart, 3, 3, &x, &y);
  text = easel_chart_describe_point (chart, x + 2, y - 1, W, H);
  g_assert_cmpstr (text, ==, "x: 3\ny: 3\nodd");
  g_clear_pointer (&text, g_free);
  point (chart, 1.5, 4.5, &x, &y);   /* nothing near */
  g_assert_null (easel_chart_describe_point (chart, x, y, W, H));
  cairo_surface_destroy (s);
}

static void
test_box_pixels (void)
{
  g_autoptr (EaselChart) chart = make_box ();
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  /* group A: 1..99 and 400; quartiles 25.75 / 50.5 / 75.25 (numpy's linear) */
  point (chart, 0, 38, &x, &y);
  assert_pixel (s, x + 6, y, blend (&light.palette[0], &light.background, 0.25), 2);
  point (chart, 1, 110, &x, &y);   /* group B, inside its box: 74.25 .. 123.75 */
  assert_pixel (s, x + 6, y, blend (&light.palette[1], &light.background, 0.25), 2);
  point (chart, 0, 390, &x, &y);   /* the outlier */
  assert_pixel (s, x, y, blend (&light.palette[0], &light.background, 0.55), 3);
  point (chart, 0, 50, &x, &y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  assert_contains (text, "A\n100 values");
  assert_contains (text, "Median 50.5");
  assert_contains (text, "Quartiles 25.75 – 75.25");
  assert_contains (text, "Whiskers 1 – 99");
  assert_contains (text, "1 outlier");
  cairo_surface_destroy (s);
}

static void
test_heatmap_pixels (void)
{
  g_autoptr (EaselChart) chart = make_heatmap ();
  cairo_surface_t *s;
  double x, y, gx, gy, gw, gh;
  Pixel pos, neg, zero;
  g_autofree char *text = NULL;

  s = render (chart, W, H);
  easel_chart_get_plot_area (chart, W, H, &gx, &gy, &gw, &gh);
  g_assert_cmpfloat_with_epsilon (gw, gh, 1e-9);   /* square cells */
  /* sample near a cell's corner, away from the printed value */
  point (chart, 0, 0, &x, &y);
  pos = pixel_at (s, x - gw / 8, y - gh / 8);
  point (chart, 1, 0, &x, &y);
  neg = pixel_at (s, x - gw / 8, y - gh / 8);
  point (chart, 2, 1, &x, &y);
  zero = pixel_at (s, x - gw / 8, y - gh / 8);
  g_assert_cmpuint (pos.r, >, pos.b + 80);    /* +1: warm */
  g_assert_cmpuint (neg.b, >, neg.r + 80);    /* −1: cool */
  g_assert_cmpuint (ABS ((int) zero.r - zero.b), <, 12);   /* 0: neutral */
  g_assert_cmpuint (zero.r, >, 200);
  /* the value is printed in the cell: dark or light ink at its centre area */
  point (chart, 2, 0, &x, &y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (text, ==, "alpha × gamma: 0.50");
  g_clear_pointer (&text, g_free);
  g_assert_null (easel_chart_describe_point (chart, 2, 2, W, H));
  cairo_surface_destroy (s);
}

/* Ink (anything but the background) in a rectangle of the image: its count and mean x, y. */
static guint
ink_in (cairo_surface_t *s,
        int x0, int y0, int x1, int y1,
        double *mean_x,
        double *mean_y)
{
  Pixel bg = pixel_at (s, 0, 0);
  guint n = 0;
  double sx = 0, sy = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        Pixel p = pixel_at (s, x, y);

        if (ABS ((int) p.r - bg.r) + ABS ((int) p.g - bg.g) + ABS ((int) p.b - bg.b) > 60)
          n++, sx += x, sy += y;
      }
  *mean_x = n > 0 ? sx / n : -1;
  *mean_y = n > 0 ? sy / n : -1;
  return n;
}

static void
test_heatmap_axis_titles (void)
{
  g_autoptr (EaselChart) plain = make_heatmap ();
  g_autoptr (EaselChart) titled = make_heatmap ();
  cairo_surface_t *s;
  double gx, gy, gw, gh, px, py, pw, ph, mx, my;

  easel_chart_set_x_label (titled, "Predicted");
  easel_chart_set_y_label (titled, "Actual");
  easel_chart_get_plot_area (plain, W, H, &px, &py, &pw, &ph);
  easel_chart_get_plot_area (titled, W, H, &gx, &gy, &gw, &gh);
  /* room is made for the y title: the centred block (title, labels, cells) moves right */
  g_assert_cmpfloat (gx, >, px + 4.0);
  s = render (titled, W, H);
  /* the x title: ink below the column labels, centred under the cells */
  g_assert_cmpuint (ink_in (s, (int) gx, (int) (gy + gh + 24), (int) (gx + gw), H, &mx, &my),
                    >, 20);
  g_assert_cmpfloat (fabs (mx - (gx + gw / 2)), <, 8.0);
  /* the y title: ink up the left side, centred beside the cells, left of the row labels */
  g_assert_cmpuint (ink_in (s, 0, (int) gy, (int) gx - 60, (int) (gy + gh), &mx, &my), >, 20);
  g_assert_cmpfloat (fabs (my - (gy + gh / 2)), <, 8.0);
  cairo_surface_destroy (s);
  /* without titles nothing is drawn there */
  s = render (plain, W, H);
  g_assert_cmpuint (ink_in (s, (int) px, (int) (py + ph + 24), (int) (px + pw), H, &mx, &my),
                    ==, 0);
  cairo_surface_destroy (s);
}

static void
test_line_pixels (void)
{
  g_autoptr (EaselChart) chart = make_line ();
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  point (chart, 0.25, 0.5, &x, &y);
  assert_pixel (s, x, y, rgb (&light.palette[0]), 10);
  point (chart, 0.75, 0.75, &x, &y);
  assert_pixel (s, x, y, rgb (&light.palette[1]), 10);
  point (chart, 0.25, 0.9, &x, &y);
  assert_pixel (s, x, y, rgb (&light.background), 0);
  point (chart, 1, 1, &x, &y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (text, ==, "rising\nx: 1\ny: 1");
  cairo_surface_destroy (s);
}

static void
test_missing_pixels (void)
{
  g_autoptr (EaselChart) bars = make_missing (EASEL_MISSING_VIEW_BARS);
  g_autoptr (EaselChart) matrix = make_missing (EASEL_MISSING_VIEW_MATRIX);
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (bars, W, H);
  /* band 1 ("half") is a bar to 50 %, band 0 none */
  g_assert_true (easel_chart_data_to_point (bars, W, H, 1, 25, &x, &y));
  assert_pixel (s, x, y, rgb (&light.palette[1]), 0);
  g_assert_true (easel_chart_data_to_point (bars, W, H, 1, 75, &x, &y));
  g_assert_cmpuint (pixel_at (s, x, y).b, >, 200);   /* past the bar's end: background */
  g_assert_true (easel_chart_data_to_point (bars, W, H, 0, 25, &x, &y));
  assert_pixel (s, x, y, rgb (&light.background), 0);
  text = easel_chart_describe_point (bars, x, y, W, H);
  g_assert_cmpstr (text, ==, "complete: 0 of 10 rows missing (0%)");
  g_clear_pointer (&text, g_free);
  g_assert_true (easel_chart_data_to_point (bars, W, H, 2, 25, &x, &y));
  text = easel_chart_describe_point (bars, x, y, W, H);
  g_assert_cmpstr (text, ==, "empty: 10 of 10 rows missing (100.0%)");
  g_clear_pointer (&text, g_free);
  cairo_surface_destroy (s);

  s = render (matrix, W, H);
  /* "half": rows 0-4 missing, 5-9 present */
  g_assert_true (easel_chart_data_to_point (matrix, W, H, 1, 2.5, &x, &y));
  assert_pixel (s, x, y, rgb (&light.palette[1]), 0);
  text = easel_chart_describe_point (matrix, x, y, W, H);
  g_assert_cmpstr (text, ==, "half, row 3: missing");
  g_clear_pointer (&text, g_free);
  g_assert_true (easel_chart_data_to_point (matrix, W, H, 1, 7.5, &x, &y));
  assert_pixel (s, x, y, blend (&light.foreground, &light.background, 0.08), 1);
  g_assert_true (easel_chart_data_to_point (matrix, W, H, 3, 7.5, &x, &y));
  text = easel_chart_describe_point (matrix, x, y, W, H);
  g_assert_cmpstr (text, ==, "unmasked, row 8: present");
  cairo_surface_destroy (s);
}

static void
test_image_grid_pixels (void)
{
  g_autoptr (EaselChart) chart = make_image_grid ();
  EaselChartStyle light;
  cairo_surface_t *s;
  double x, y;
  Pixel ink, paper, mid;
  g_autofree char *text = NULL;

  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  point (chart, 0, 0, &x, &y);
  ink = pixel_at (s, x, y);
  point (chart, 1, 0, &x, &y);
  paper = pixel_at (s, x, y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (text, ==, "Image 2");
  point (chart, 2, 0, &x, &y);
  mid = pixel_at (s, x, y);
  /* foreground rgba(0,0,0,0.8) as opaque ink is black; paper is near white */
  g_assert_cmpuint (ink.r, <, 10);
  g_assert_cmpuint (paper.r, >, 235);
  g_assert_cmpuint (paper.r, <, 255);   /* a shade off the background, so blanks show */
  g_assert_cmpuint (mid.r, >, ink.r + 40);
  g_assert_cmpuint (mid.r, <, paper.r - 40);
  cairo_surface_destroy (s);
}

/* ---- density ---- */

static void
test_density_10m (void)
{
  const gsize n = 10000000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr (EaselChart) chart = NULL;
  const guint32 *grid;
  guint gw, gh, max_cell = 0;
  guint64 total, sum = 0;
  guint64 seed = 88172645463325252ull;
  gint64 t0, t1, t2;
  cairo_surface_t *s;

  for (gsize i = 0; i < n; i++)
    {
      /* xorshift64: fast, fixed, and spread over the square with a dense corner */
      double u, v;

      seed ^= seed << 13;
      seed ^= seed >> 7;
      seed ^= seed << 17;
      u = (seed >> 11) * (1.0 / 9007199254740992.0);
      seed ^= seed << 13;
      seed ^= seed >> 7;
      seed ^= seed << 17;
      v = (seed >> 11) * (1.0 / 9007199254740992.0);
      x[i] = i % 4 == 0 ? 0.9 + u * 0.01 : u;
      y[i] = i % 4 == 0 ? 0.9 + v * 0.01 : v;
    }

  t0 = g_get_monotonic_time ();
  chart = easel_chart_new_scatter (x, y, n, NULL, NULL, 0);
  easel_chart_prepare (chart, W, H, 1.0);
  t1 = g_get_monotonic_time ();
  g_assert_false (easel_chart_needs_prepare (chart, W, H, 1.0));
  g_assert_true (easel_chart_needs_prepare (chart, W + 100, H, 1.0));
  s = render (chart, W, H);
  t2 = g_get_monotonic_time ();
  g_test_message ("10M points: prepared in %.0f ms (copy + range + bins), drawn in %.0f ms",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);

  grid = easel_chart_get_density_grid (chart, &gw, &gh, &total);
  g_assert_nonnull (grid);
  g_assert_cmpuint (total, ==, n);
  for (gsize i = 0; i < (gsize) gw * gh; i++)
    {
      sum += grid[i];
      max_cell = MAX (max_cell, grid[i]);
    }
  g_assert_cmpuint (sum, ==, n);
  /* the grid has the device pixels of the plot area */
  {
    double px, py, pw, ph, cx, cy;
    Pixel dense, sparse;

    easel_chart_get_plot_area (chart, W, H, &px, &py, &pw, &ph);
    /* the device pixels the plot area touches */
    g_assert_cmpuint (gw, ==, (guint) (ceil (px + pw - 1e-6) - floor (px + 1e-6)));
    g_assert_cmpuint (gh, ==, (guint) (ceil (py + ph - 1e-6) - floor (py + 1e-6)));
    /* on a light style more points are darker: the dense corner against the rest */
    point (chart, 0.905, 0.905, &cx, &cy);
    dense = pixel_at (s, cx, cy);
    point (chart, 0.3, 0.3, &cx, &cy);
    sparse = pixel_at (s, cx, cy);
    g_assert_cmpuint (dense.r + dense.g, <, sparse.r + sparse.g);
    g_assert_cmpuint (dense.r, <, 128);
    g_assert_cmpuint (max_cell, >, 100);
  }
  cairo_surface_destroy (s);
}

static void
test_density_groups (void)
{
  double x[200], y[200];
  gint32 g[200];
  const char *names[] = { "left", "right" };
  g_autoptr (EaselChart) chart = NULL;
  EaselChartStyle light;
  cairo_surface_t *s;
  double px, py;
  guint gw, gh;
  guint64 total;

  for (guint i = 0; i < 200; i++)
    {
      x[i] = i < 100 ? 0 : 10;
      y[i] = i % 10;
      g[i] = i < 100 ? 0 : 1;
    }
  chart = easel_chart_new_scatter (x, y, 200, g, names, 2);
  easel_chart_set_density (chart, EASEL_DENSITY_ALWAYS);
  easel_chart_style_init_light (&light);
  s = render (chart, W, H);
  g_assert_nonnull (easel_chart_get_density_grid (chart, &gw, &gh, &total));
  g_assert_cmpuint (total, ==, 200);
  /* each pixel with points is the colour of its group (the log scale is at its top) */
  point (chart, 0, 5, &px, &py);
  assert_pixel (s, px, py, rgb (&light.palette[0]), 2);
  point (chart, 10, 5, &px, &py);
  assert_pixel (s, px, py, rgb (&light.palette[1]), 2);
  cairo_surface_destroy (s);
}

/* ---- threads, HiDPI ---- */

static gpointer
prepare_in_thread (gpointer data)
{
  easel_chart_prepare (data, W, H, 2.0);
  return NULL;
}

static void
test_prepare_in_worker (void)
{
  const gsize n = 300000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr (EaselChart) chart = NULL;
  GThread *thread;
  guint gw, gh;
  guint64 total;
  cairo_surface_t *s;
  cairo_t *cr;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = sin (i * 0.001) * (i % 1000);
      y[i] = cos (i * 0.001) * (i % 1000);
    }
  chart = easel_chart_new_scatter (x, y, n, NULL, NULL, 0);
  easel_chart_set_title (chart, "Worker");
  g_assert_true (easel_chart_needs_prepare (chart, W, H, 2.0));
  thread = g_thread_new ("prepare", prepare_in_thread, chart);
  g_thread_join (thread);
  g_assert_false (easel_chart_needs_prepare (chart, W, H, 2.0));
  g_assert_nonnull (easel_chart_get_density_grid (chart, &gw, &gh, &total));
  g_assert_cmpuint (total, ==, n);

  /* drawing at that device scale uses the worker's grid as is */
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  cairo_surface_set_device_scale (s, 2, 2);
  cr = cairo_create (s);
  easel_chart_render (chart, cr, W, H);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  g_assert_false (easel_chart_needs_prepare (chart, W, H, 2.0));
  g_assert_cmpuint (easel_chart_get_density_grid (chart, NULL, NULL, NULL)[0] + 1, >, 0);
}

static void
test_hidpi_scale (void)
{
  g_autoptr (EaselChart) chart = make_scatter ();
  double x1, y1, w1, h1, x2, y2, w2, h2;
  cairo_surface_t *s;

  easel_chart_set_title (chart, "Scaled");
  easel_chart_get_plot_area (chart, W, H, &x1, &y1, &w1, &h1);
  easel_chart_set_scale (chart, 2.0);
  easel_chart_get_plot_area (chart, 2 * W, 2 * H, &x2, &y2, &w2, &h2);
  g_assert_cmpfloat_with_epsilon (x2, 2 * x1, 1e-9);
  g_assert_cmpfloat_with_epsilon (y2, 2 * y1, 1e-9);
  g_assert_cmpfloat_with_epsilon (w2, 2 * w1, 1e-9);
  g_assert_cmpfloat_with_epsilon (h2, 2 * h1, 1e-9);
  s = render (chart, 2 * W, 2 * H);
  cairo_surface_destroy (s);
}

/* ---- empty and bad input ---- */

static EaselChart *
make_empty (EaselChartKind kind)
{
  const double nan_only[] = { NAN, NAN };

  switch (kind)
    {
    case EASEL_CHART_HISTOGRAM:
      return easel_chart_new_histogram (nan_only, 2);
    case EASEL_CHART_BAR:
      return easel_chart_new_bar (NULL, NULL, 0, 0);
    case EASEL_CHART_SCATTER:
      return easel_chart_new_scatter (nan_only, nan_only, 2, NULL, NULL, 0);
    case EASEL_CHART_BOX:
      return easel_chart_new_box (NULL, 0, NULL, NULL, 0);
    case EASEL_CHART_HEATMAP:
      return easel_chart_new_heatmap (NULL, 0, 0, NULL, NULL, -1, 1);
    case EASEL_CHART_LINE:
      return easel_chart_new_line ();
    case EASEL_CHART_MISSING:
      return easel_chart_new_missing (NULL, NULL, 0, 0, EASEL_MISSING_VIEW_MATRIX);
    case EASEL_CHART_IMAGE_GRID:
    default:
      return easel_chart_new_image_grid (NULL, 0, 8, 8, 0, 16, NULL);
    }
}

static void
test_empty_data (void)
{
  EaselChartStyle light;

  easel_chart_style_init_light (&light);
  for (int kind = EASEL_CHART_HISTOGRAM; kind <= EASEL_CHART_IMAGE_GRID; kind++)
    {
      g_autoptr (EaselChart) chart = make_empty ((EaselChartKind) kind);
      cairo_surface_t *s = render (chart, W, H);
      gsize ink = 0;

      /* "No data" in the middle, nothing elsewhere */
      for (int y = H / 2 - 12; y < H / 2 + 12; y++)
        for (int x = W / 2 - 60; x < W / 2 + 60; x++)
          ink += pixel_at (s, x, y).r < 200;
      g_assert_cmpuint (ink, >, 20);
      assert_pixel (s, W / 2, H / 4, rgb (&light.background), 0);
      assert_pixel (s, W / 4, H * 3 / 4, rgb (&light.background), 0);
      g_assert_false (easel_chart_data_to_point (chart, W, H, 0, 0, NULL, NULL));
      g_assert_null (easel_chart_describe_point (chart, W / 2.0, H / 2.0, W, H));
      cairo_surface_destroy (s);
    }
}

static void
test_tiny_and_degenerate (void)
{
  const double same[] = { 3, 3, 3 };
  const double one[] = { 42 };
  g_autoptr (EaselChart) flat = easel_chart_new_histogram (same, 3);
  g_autoptr (EaselChart) single = easel_chart_new_scatter (one, one, 1, NULL, NULL, 0);
  g_autoptr (EaselChart) line = easel_chart_new_line ();
  cairo_surface_t *s;

  easel_chart_add_series (line, NULL, one, one, 1);
  /* a 1 × 1 canvas and a degenerate range must not crash or divide by zero */
  for (int size = 1; size <= 64; size *= 4)
    {
      cairo_surface_destroy (render (flat, size, size));
      cairo_surface_destroy (render (single, size, size));
      cairo_surface_destroy (render (line, size, size));
    }
  s = render (single, W, H);
  cairo_surface_destroy (s);
}

static void
test_column_constructors (void)
{
  const char *species[] = { "a", "b", "a", NULL };
  g_autoptr (EaselColumn) cat = easel_column_new_from_strings ("species",
                                                               EASEL_COLUMN_CATEGORICAL,
                                                               species, 4);
  g_autoptr (EaselColumn) text = easel_column_new_from_strings ("notes", EASEL_COLUMN_TEXT,
                                                                species, 4);
  double *values = g_new (double, 4);
  g_autoptr (EaselColumn) num = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EaselChart) hist = NULL, bar = NULL, scatter = NULL, box = NULL;
  EaselChart *bad;

  values[0] = 1;
  values[1] = 2;
  values[2] = 3;
  values[3] = NAN;
  num = easel_column_new_numeric ("mass", 4, values, NULL);

  bad = easel_chart_new_histogram_from_column (cat, &error);
  g_assert_null (bad);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  assert_contains (error->message, "species");
  g_clear_error (&error);

  bad = easel_chart_new_bar_from_column (num, 0, &error);
  g_assert_null (bad);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  assert_contains (error->message, "mass");
  g_clear_error (&error);

  bad = easel_chart_new_scatter_from_columns (num, cat, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  assert_contains (error->message, "species");
  g_clear_error (&error);

  bad = easel_chart_new_box_from_columns (num, text, &error);
  g_assert_null (bad);
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_TYPE);
  assert_contains (error->message, "notes");
  g_clear_error (&error);

  hist = easel_chart_new_histogram_from_column (num, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_chart_get_histogram (hist)->total, ==, 3);
  bar = easel_chart_new_bar_from_column (text, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_chart_get_title (bar), ==, "notes");
  scatter = easel_chart_new_scatter_from_columns (num, num, cat, &error);
  g_assert_no_error (error);
  box = easel_chart_new_box_from_columns (num, cat, &error);
  g_assert_no_error (error);
  cairo_surface_destroy (render (hist, W, H));
  cairo_surface_destroy (render (bar, W, H));
  cairo_surface_destroy (render (scatter, W, H));
  cairo_surface_destroy (render (box, W, H));
}

static void
test_missing_from_table (void)
{
  g_autoptr (EaselTable) table = easel_table_new ();
  double *v = g_new (double, 4);
  guint8 *m = g_new0 (guint8, 4);
  const char *s[] = { "x", NULL, NULL, "y" };
  g_autoptr (EaselChart) chart = NULL;
  double x, y;
  g_autofree char *a = NULL, *b = NULL;

  v[0] = 1;
  v[1] = NAN;
  v[2] = 3;
  v[3] = 4;
  m[1] = 1;
  easel_table_add_column (table, easel_column_new_numeric ("num", 4, v, m));
  easel_table_add_column (table, easel_column_new_from_strings ("cat",
                                                                EASEL_COLUMN_CATEGORICAL, s, 4));
  chart = easel_chart_new_missing_from_table (table, EASEL_MISSING_VIEW_BARS);
  g_assert_true (easel_chart_data_to_point (chart, W, H, 0, 10, &x, &y));
  a = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (a, ==, "num: 1 of 4 rows missing (25.0%)");
  g_assert_true (easel_chart_data_to_point (chart, W, H, 1, 10, &x, &y));
  b = easel_chart_describe_point (chart, x, y, W, H);
  g_assert_cmpstr (b, ==, "cat: 2 of 4 rows missing (50.0%)");
}

static void
test_histogram_describe (void)
{
  g_autoptr (EaselChart) chart = make_histogram ();
  const EaselHistogram *h = easel_chart_get_histogram (chart);
  g_autofree char *text = NULL, *expected = NULL;
  char lo[48], hi[48];
  double x, y;

  point (chart, (h->edges[0] + h->edges[1]) / 2, 1, &x, &y);
  text = easel_chart_describe_point (chart, x, y, W, H);
  easel_format_number (h->edges[0], lo, sizeof lo);
  easel_format_number (h->edges[1], hi, sizeof hi);
  expected = g_strdup_printf ("%s to %s: %" G_GUINT64_FORMAT " rows", lo, hi, h->counts[0]);
  g_assert_cmpstr (text, ==, expected);
  /* outside the plot: nothing */
  g_assert_null (easel_chart_describe_point (chart, 1, 1, W, H));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/chart/save-every-kind", test_save_every_kind);
  g_test_add_func ("/plot/chart/save-errors", test_save_errors);
  g_test_add_func ("/plot/chart/histogram-pixels", test_histogram_pixels);
  g_test_add_func ("/plot/chart/crisp-grid-lines", test_crisp_grid_lines);
  g_test_add_func ("/plot/chart/dark-style", test_dark_style);
  g_test_add_func ("/plot/chart/bar-pixels", test_bar_pixels);
  g_test_add_func ("/plot/chart/bar-other", test_bar_other);
  g_test_add_func ("/plot/chart/scatter-pixels", test_scatter_pixels);
  g_test_add_func ("/plot/chart/box-pixels", test_box_pixels);
  g_test_add_func ("/plot/chart/heatmap-pixels", test_heatmap_pixels);
  g_test_add_func ("/plot/chart/heatmap-axis-titles", test_heatmap_axis_titles);
  g_test_add_func ("/plot/chart/line-pixels", test_line_pixels);
  g_test_add_func ("/plot/chart/missing-pixels", test_missing_pixels);
  g_test_add_func ("/plot/chart/image-grid-pixels", test_image_grid_pixels);
  g_test_add_func ("/plot/chart/density-10m", test_density_10m);
  g_test_add_func ("/plot/chart/density-groups", test_density_groups);
  g_test_add_func ("/plot/chart/prepare-in-worker", test_prepare_in_worker);
  g_test_add_func ("/plot/chart/hidpi-scale", test_hidpi_scale);
  g_test_add_func ("/plot/chart/empty-data", test_empty_data);
  g_test_add_func ("/plot/chart/tiny-and-degenerate", test_tiny_and_degenerate);
  g_test_add_func ("/plot/chart/column-constructors", test_column_constructors);
  g_test_add_func ("/plot/chart/missing-from-table", test_missing_from_table);
  g_test_add_func ("/plot/chart/histogram-describe", test_histogram_describe);

  return g_test_run ();
}
