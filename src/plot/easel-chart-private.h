/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the chart kinds share: the chart struct, the per-kind class, text, the frame
 * (title, legend, axes) and colour helpers. Not installed; only src/plot and its tests. */

#include <math.h>
#include <pango/pangocairo.h>

#include "easel-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} EaselRect;

/* ---- Text ---- */

typedef enum
{
  EASEL_TEXT_TICK,    /* tick labels, legend, cell values */
  EASEL_TEXT_LABEL,   /* axis titles, the "No data" message */
  EASEL_TEXT_TITLE,   /* the chart's title, bold */
  EASEL_TEXT_SMALL,   /* captions under images, dense cell values */
  EASEL_N_TEXT_ROLES
} EaselTextRole;

/* Text is measured and drawn through one PangoContext with fixed font options (no metric
 * hinting), so a layout computed in a worker thread matches the one drawn later. */
typedef struct
{
  PangoContext         *context;
  PangoFontDescription *fonts[EASEL_N_TEXT_ROLES];
} EaselChartText;

void         easel_chart_text_init      (EaselChartText        *text,
                                         const EaselChartStyle *style);
void         easel_chart_text_clear     (EaselChartText        *text);
/* A layout of 'str' (plain text); 'max_width' > 0 ellipsizes at the end beyond it. */
PangoLayout *easel_chart_text_layout    (EaselChartText        *text,
                                         EaselTextRole          role,
                                         const char            *str,
                                         double                 max_width);
/* Logical size of 'str' in user units. */
void         easel_chart_text_size      (EaselChartText        *text,
                                         EaselTextRole          role,
                                         const char            *str,
                                         double                *width,
                                         double                *height);
/* Draw 'str' with its logical box aligned to (x, y): xalign/yalign 0 = left/top,
 * 0.5 = centre, 1 = right/bottom. */
void         easel_chart_text_draw      (EaselChartText        *text,
                                         cairo_t               *cr,
                                         EaselTextRole          role,
                                         const char            *str,
                                         double                 max_width,
                                         double                 x,
                                         double                 y,
                                         double                 xalign,
                                         double                 yalign,
                                         const EaselRgba       *color);

/* ---- Layout ---- */

typedef enum
{
  EASEL_AXIS_NONE,
  EASEL_AXIS_NUMERIC,
  EASEL_AXIS_BANDS,
} EaselAxisKind;

typedef enum
{
  EASEL_RANGE_LOOSE,    /* extended to the nice ticks around the data */
  EASEL_RANGE_PADDED,   /* the data plus 4 % each side, ticks inside */
  EASEL_RANGE_TIGHT,    /* exactly the data, ticks inside */
} EaselRangeMode;

typedef struct
{
  EaselAxisKind      kind;
  /* numeric */
  double             lo, hi;        /* in: the data; out: the range shown */
  EaselRangeMode     mode;
  gboolean           from_zero;     /* the range includes 0 (bars, counts) */
  gboolean           fixed;         /* lo..hi set by the user: shown as is */
  EaselTicks         ticks;
  gboolean           grid;          /* grid lines at the ticks */
  gboolean           integers;      /* ticks at whole numbers only */
  gboolean           percent;       /* tick labels end in "%" */
  /* bands */
  guint              n_bands;
  const char *const *bands;         /* borrowed */
  double             band_label_width;  /* widest label as drawn (maybe ellipsized) */
} EaselAxis;

#define EASEL_LEGEND_MAX 16

typedef struct
{
  const char *name;                 /* borrowed */
  EaselRgba   color;
  double      x, y;                 /* where the swatch starts (set by the frame) */
} EaselLegendEntry;

typedef struct
{
  double            width, height;  /* the chart, user units */
  double            pad;            /* outer padding */
  gboolean          empty;          /* nothing to draw: the "No data" message */
  double            title_y;        /* top of the title */
  double            content_top;    /* below the title and legend */
  /* legend */
  guint             n_legend;
  EaselLegendEntry  legend[EASEL_LEGEND_MAX];
  gboolean          legend_lines;   /* swatches are short lines, not squares */
  double            legend_row_height;
  gboolean          ramp_legend;    /* reserve a row for a colour ramp (density) */
  double            ramp_y;         /* top of that row */
  /* cartesian kinds */
  EaselRect         plot;
  EaselAxis         x, y;
  gboolean          horizontal;     /* bars or boxes run left to right */
  /* heatmap, image grid */
  EaselRect         grid;           /* the cells */
  guint             grid_cols, grid_rows;
  double            cell_width, cell_height, cell_gap;
  gboolean          rotate_labels;  /* heatmap column labels at 45° */
  double            label_width;    /* heatmap row labels, ellipsized beyond */
  double            x_title_y;      /* heatmap: top of the x axis title */
  double            y_title_x;      /* heatmap: left edge of the y axis title */
  EaselRect         colorbar;
} EaselChartLayout;

/* ---- Kinds ---- */

typedef struct
{
  void     (*free_data)          (gpointer data);
  /* size-independent normalisation, run once */
  void     (*prepare)            (EaselChart *chart);
  gboolean (*is_empty)           (EaselChart *chart);
  /* set the axes, legend and kind geometry; the frame does the rest */
  void     (*layout)             (EaselChart       *chart,
                                  EaselChartText   *text,
                                  EaselChartLayout *layout);
  /* optional: data that depends on the size (the density grid) */
  void     (*prepare_size)       (EaselChart             *chart,
                                  const EaselChartLayout *layout,
                                  double                  device_scale);
  gboolean (*needs_prepare_size) (const EaselChart       *chart,
                                  const EaselChartLayout *layout,
                                  double                  device_scale);
  void     (*draw)               (EaselChart             *chart,
                                  cairo_t                *cr,
                                  EaselChartText         *text,
                                  const EaselChartLayout *layout,
                                  double                  device_scale);
  char    *(*describe)           (EaselChart             *chart,
                                  const EaselChartLayout *layout,
                                  double                  x,
                                  double                  y);
} EaselChartClass;

struct _EaselChart
{
  EaselChartKind         kind;
  const EaselChartClass *klass;
  gpointer               data;

  char                  *title;
  char                  *x_label;
  char                  *y_label;
  EaselChartStyle        style;
  double                 scale;
  gboolean               has_x_range, has_y_range;
  double                 x_range[2], y_range[2];
  EaselDensityMode       density;
  guint                  image_columns;

  gboolean               prepared;
};

EaselChart  *easel_chart_alloc          (EaselChartKind         kind,
                                         const EaselChartClass *klass,
                                         gpointer               data);
void         easel_chart_ensure_prepared (EaselChart           *chart);

extern const EaselChartClass easel_histogram_chart_class;
extern const EaselChartClass easel_bar_chart_class;
extern const EaselChartClass easel_scatter_chart_class;
extern const EaselChartClass easel_box_chart_class;
extern const EaselChartClass easel_heatmap_chart_class;
extern const EaselChartClass easel_line_chart_class;
extern const EaselChartClass easel_missing_chart_class;
extern const EaselChartClass easel_image_grid_chart_class;

/* ---- Column helpers (easel-chart-scatter.c) ---- */

/* A NULL-terminated copy; NULL names become "". */
char       **easel_chart_copy_names     (const char *const  *names,
                                         guint               n);
/* The values of a numeric or boolean column as doubles (NaN = missing), never NULL for
 * those types; NULL with an error naming the column for the others. */
double      *easel_chart_column_numbers (const EaselColumn  *column,
                                         const char         *chart_name,
                                         GError            **error);
/* Group codes (-1 = missing) and names from a categorical or boolean column. */
gboolean     easel_chart_column_groups  (const EaselColumn  *column,
                                         const char         *chart_name,
                                         gint32            **codes,
                                         char             ***names,
                                         guint              *n_names,
                                         GError            **error);

/* ---- Frame: title, legend, axes (easel-chart-frame.c) ---- */

/* Compute the layout for a width × height chart (user units). */
void         easel_chart_compute_layout (EaselChart       *chart,
                                         EaselChartText   *text,
                                         double            width,
                                         double            height,
                                         EaselChartLayout *layout);
/* Title and legend: sets content_top. Called by the frame and by kinds without axes. */
void         easel_chart_layout_header  (EaselChart       *chart,
                                         EaselChartText   *text,
                                         EaselChartLayout *layout);
/* Place the plot area and ticks of a cartesian chart from layout->x and layout->y. */
void         easel_chart_layout_axes    (EaselChart       *chart,
                                         EaselChartText   *text,
                                         EaselChartLayout *layout);
void         easel_chart_draw_header    (EaselChart             *chart,
                                         cairo_t                *cr,
                                         EaselChartText         *text,
                                         const EaselChartLayout *layout);
/* Grid lines under the data. */
void         easel_chart_draw_grid      (EaselChart             *chart,
                                         cairo_t                *cr,
                                         const EaselChartLayout *layout,
                                         double                  device_scale);
/* Tick labels, axis titles and the baseline, over the data. */
void         easel_chart_draw_axes      (EaselChart             *chart,
                                         cairo_t                *cr,
                                         EaselChartText         *text,
                                         const EaselChartLayout *layout,
                                         double                  device_scale);

/* Data ↔ user units on a numeric axis; bands: the centre of band i, or its index. */
double       easel_axis_x_to_px         (const EaselChartLayout *layout,
                                         double                  v);
double       easel_axis_y_to_px         (const EaselChartLayout *layout,
                                         double                  v);
double       easel_axis_px_to_x         (const EaselChartLayout *layout,
                                         double                  px);
double       easel_axis_px_to_y         (const EaselChartLayout *layout,
                                         double                  py);
/* The band under a position along the axis, or -1. */
int          easel_axis_band_at         (const EaselAxis        *axis,
                                         double                  start,
                                         double                  length,
                                         double                  pos);

/* ---- Drawing helpers ---- */

/* A coordinate for a line 'width' device pixels wide that lands on whole pixels
 * (Sysprof's floor(x) + .5 for odd widths). */
static inline double
easel_snap_line (double v,
                 double device_scale,
                 int    width)
{
  return (floor (v * device_scale) + ((width & 1) ? 0.5 : 0.0)) / device_scale;
}

/* An edge of a filled shape on a pixel boundary. */
static inline double
easel_snap_edge (double v,
                 double device_scale)
{
  return round (v * device_scale) / device_scale;
}

static inline void
easel_set_source (cairo_t         *cr,
                  const EaselRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static inline void
easel_set_source_alpha (cairo_t         *cr,
                        const EaselRgba *c,
                        double           alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* A rectangle with its top (or right, when 'horizontal') corners rounded by 'radius'. */
void         easel_chart_bar_path       (cairo_t    *cr,
                                         double      x,
                                         double      y,
                                         double      width,
                                         double      height,
                                         double      radius,
                                         gboolean    horizontal);

/* ---- Colour (easel-chart-style.c) ---- */

EaselRgba    easel_rgba_from_hex        (guint32     rgb);
/* Mix in OKLab: t = 0 gives a, 1 gives b. */
EaselRgba    easel_rgba_mix             (const EaselRgba *a,
                                         const EaselRgba *b,
                                         double           t);
/* sRGB transfer function, both ways (0..1). */
double       easel_srgb_to_linear       (double           c);
double       easel_linear_to_srgb       (double           c);
/* OKLab lightness, 0..1. */
double       easel_rgba_lightness       (const EaselRgba *c);
/* The palette colour for series or group i. */
EaselRgba    easel_chart_palette_color  (const EaselChartStyle *style,
                                         guint                  i);
/* Perceptual sequential ramp (dark violet → yellow), t in 0..1. */
EaselRgba    easel_ramp_sequential      (double                 t);
/* Point density, t in 0..1 (0 = fewest): darker on light styles, brighter on dark. */
EaselRgba    easel_ramp_density         (const EaselChartStyle *style,
                                         double                 t);
/* Diverging ramp: t = 0 blue, 0.5 the neutral of the style, 1 vermillion. */
EaselRgba    easel_ramp_diverging       (const EaselChartStyle *style,
                                         double                 t);

G_END_DECLS
