/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-step-preview"

#include "config.h"

#include <string.h>

#include "easel-step-preview.h"

/* The column that carries each row's input position through the steps on the first rows.
 * Its name cannot come from a file or a person. */
#define ROW_COLUMN "\x1f" "easel-input-row"
/* Shown when nothing changed in any column (a step that only removes rows). */
#define FALLBACK_COLUMNS 6
/* One-hot encoding may add hundreds of columns; a preview shows the first ones. */
#define MAX_DIFF_COLUMNS 40

struct _EaselStepPreview
{
  gatomicrefcount  ref_count;
  guint            n_steps;
  GPtrArray       *errors;      /* GError * or NULL, per step */
  GPtrArray       *reports;     /* EaselStepReport * or NULL, per step */
  EaselRecipe     *fitted;
  EaselTable      *prepared;
  GPtrArray       *snapshots;   /* EaselTable *, n_steps + 1 */
  GPtrArray       *positions;   /* GArray of gsize, n_steps + 1 */
};

typedef struct
{
  char                   *name;
  EaselPreviewColumnKind  kind;
  int                     before;   /* column index, -1 if absent */
  int                     after;
} DiffColumn;

struct _EaselPreviewDiff
{
  EaselTable *before;
  EaselTable *after;
  GArray     *columns;      /* DiffColumn */
  GArray     *input_rows;   /* gsize per before row */
  GArray     *after_rows;   /* gssize per before row: its row after, -1 if removed */
  gsize       n_removed;
};

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
free_report (gpointer report)
{
  if (report != NULL)
    easel_step_report_free (report);
}

/* The first 'n' rows of 'table' with the row positions column last. */
static EaselTable *
head_with_positions (EaselTable    *table,
                     gsize          n,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(EaselRecipe) empty = easel_recipe_new ();
  EaselTable *head = easel_recipe_preview (empty, table, n, NULL, NULL, cancellable, error);
  gsize rows;
  double *values;

  if (head == NULL)
    return NULL;
  rows = easel_table_get_n_rows (head);
  values = g_new (double, MAX (rows, 1));
  for (gsize i = 0; i < rows; i++)
    values[i] = (double) i;
  easel_table_add_column (head, easel_column_new_numeric (ROW_COLUMN, rows, values, NULL));
  return head;
}

/* The positions of the rows of 'table', and the table without them. */
static EaselTable *
split_positions (EaselTable    *table,
                 GArray       **positions,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(EaselRecipe) drop = easel_recipe_new ();
  g_autoptr(EaselStep) step = easel_step_new ("drop_columns", NULL);
  const char *const names[] = { ROW_COLUMN, NULL };
  int index = easel_table_find_column (table, ROW_COLUMN);
  gsize n = easel_table_get_n_rows (table);
  const EaselColumn *column;

  g_return_val_if_fail (index >= 0, NULL);
  column = easel_table_get_column (table, (guint) index);
  *positions = g_array_sized_new (FALSE, FALSE, sizeof (gsize), (guint) n);
  for (gsize i = 0; i < n; i++)
    {
      gsize position = (gsize) column->num[i];
      g_array_append_val (*positions, position);
    }

  easel_step_set_strv (step, "columns", names);
  easel_recipe_append_step (drop, g_steal_pointer (&step));
  return easel_recipe_apply (drop, table, NULL, NULL, cancellable, error);
}

/* One fitted step as a recipe that runs on a table with the row positions column: a step
 * that reads every column when given none must not read the positions. */
static EaselRecipe *
single_step_recipe (EaselStep  *fitted_step,
                    EaselTable *input)
{
  EaselRecipe *recipe = easel_recipe_new ();
  EaselStep *step = easel_step_copy (fitted_step);

  if (g_str_equal (easel_step_get_op (step), "drop_duplicates")
      && easel_step_get_param (step, "columns") == NULL)
    {
      guint n = easel_table_get_n_columns (input);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        {
          const char *name = easel_table_get_column (input, i)->name;
          if (!g_str_equal (name, ROW_COLUMN))
            g_ptr_array_add (names, (gpointer) name);
        }
      g_ptr_array_add (names, NULL);
      if (names->len > 1)
        easel_step_set_strv (step, "columns", (const char *const *) names->pdata);
    }
  easel_recipe_append_step (recipe, step);
  return recipe;
}

/* "Step 3 (impute), parameter “columns”: there is no column “agee”." →
 * "Parameter “columns”: there is no column “agee”." */
static char *
strip_step_name (const char *message)
{
  const char *p = message;
  g_autofree char *out = NULL;

  if (g_str_has_prefix (p, "Step "))
    {
      const char *close = strchr (p, ')');
      if (close != NULL && (close[1] == ':' || close[1] == ','))
        {
          p = close + 2;
          while (*p == ' ')
            p++;
        }
    }
  if (*p == '\0')
    return g_strdup (message);
  out = g_strdup (p);
  if (g_ascii_islower (out[0]))
    out[0] = g_ascii_toupper (out[0]);
  return g_steal_pointer (&out);
}

static void
easel_step_preview_free (EaselStepPreview *self)
{
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->fitted, easel_recipe_free);
  g_clear_pointer (&self->prepared, easel_table_unref);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_ptr_array_unref);
  g_free (self);
}

/* The steps not in error, and the position of each in the recipe. A step with bad
 * parameters stops a fit even when disabled, so they are left out rather than disabled. */
static EaselRecipe *
runnable_steps (EaselStepPreview  *self,
                const EaselRecipe *recipe,
                GArray           **map)
{
  EaselRecipe *work = easel_recipe_new ();

  *map = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->n_steps; i++)
    if (self->errors->pdata[i] == NULL)
      {
        easel_recipe_append_step (work, easel_step_copy (easel_recipe_get_step (recipe, i)));
        g_array_append_val (*map, i);
      }
  return work;
}

/* Fits the steps not in error on the table; a step that fails on the data gets its error
 * and the fit runs again without it. 'fitted_map' gets the recipe position of each step of
 * the fitted recipe. */
static gboolean
fit_leaving_out_errors (EaselStepPreview  *self,
                        const EaselRecipe *recipe,
                        EaselTable        *table,
                        GArray           **fitted_map,
                        EaselProgress     *progress,
                        GCancellable      *cancellable,
                        GError           **error)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GPtrArray) reports = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GArray) map = NULL;
      g_autoptr(EaselRecipe) work = runnable_steps (self, recipe, &map);
      EaselTable *prepared = NULL;
      EaselRecipe *fitted;

      fitted = easel_recipe_fit (work, table, &prepared, &reports, progress, cancellable, &local);
      if (fitted != NULL)
        {
          self->fitted = fitted;
          self->prepared = prepared;
          for (guint i = 0; i < reports->len; i++)
            {
              EaselStepReport *report = reports->pdata[i];
              guint index;

              if (report->index >= map->len)
                continue;
              index = g_array_index (map, guint, report->index);
              report->index = index;
              free_report (self->reports->pdata[index]);
              self->reports->pdata[index] = report;
              reports->pdata[i] = NULL;
            }
          *fitted_map = g_steal_pointer (&map);
          return TRUE;
        }
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) || attempt > 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }

      /* which steps fail on this table, each on the table without the failing ones */
      found = easel_recipe_validate (work, table, 0, cancellable, error);
      if (found == NULL)
        return FALSE;
      for (guint i = 0; i < found->len && i < map->len; i++)
        if (found->pdata[i] != NULL)
          {
            guint index = g_array_index (map, guint, i);
            GError *e = g_steal_pointer (&found->pdata[i]);

            /* the core counts the steps of the shorter recipe: name the real one */
            if (index != i)
              {
                g_autofree char *wrong = g_strdup_printf ("Step %u (", i + 1);
                g_autofree char *right = g_strdup_printf ("Step %u (", index + 1);
                if (g_str_has_prefix (e->message, wrong))
                  {
                    char *message = g_strconcat (right, e->message + strlen (wrong), NULL);
                    g_free (e->message);
                    e->message = message;
                  }
              }
            self->errors->pdata[index] = e;
          }
    }
  g_assert_not_reached ();
}

EaselStepPreview *
easel_step_preview_compute (const EaselRecipe  *recipe,
                            EaselTable         *table,
                            gsize               n_rows,
                            EaselProgress      *progress,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(EaselStepPreview) self = g_new0 (EaselStepPreview, 1);
  g_autoptr(EaselTable) current = NULL;
  g_autoptr(GArray) first_positions = NULL;
  g_autoptr(GArray) map = NULL;
  EaselTable *clean;
  guint next_fitted = 0;

  g_return_val_if_fail (recipe != NULL && table != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_steps = easel_recipe_get_n_steps (recipe);
  self->errors = g_ptr_array_new_full (self->n_steps, free_error);
  self->reports = g_ptr_array_new_full (self->n_steps, free_report);
  self->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_table_unref);
  self->positions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_set_size (self->errors, (int) self->n_steps);
  g_ptr_array_set_size (self->reports, (int) self->n_steps);

  /* Parameters first: no table needed */
  for (guint i = 0; i < self->n_steps; i++)
    {
      GError *local = NULL;

      if (!easel_step_check (easel_recipe_get_step (recipe, i), &local))
        self->errors->pdata[i] = local;
    }

  if (self->n_steps == 0)
    {
      /* nothing to fit: the table is its own preparation (no copy of a large table) */
      self->fitted = easel_recipe_new ();
      self->prepared = easel_table_ref (table);
      map = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  else
    {
      easel_progress_push_range (progress, 0.0, 0.9);
      if (!fit_leaving_out_errors (self, recipe, table, &map, progress, cancellable, error))
        {
          easel_progress_pop_range (progress);
          return NULL;
        }
      easel_progress_pop_range (progress);
    }
  easel_progress_report (progress, 0.9, "Preview");

  /* The first rows, step after step, with the values learned from the whole table */
  current = head_with_positions (table, n_rows, cancellable, error);
  if (current == NULL)
    return NULL;
  clean = split_positions (current, &first_positions, cancellable, error);
  if (clean == NULL)
    return NULL;
  g_ptr_array_add (self->snapshots, clean);
  g_ptr_array_add (self->positions, g_steal_pointer (&first_positions));

  for (guint i = 0; i < self->n_steps; i++)
    {
      EaselStep *step = NULL;
      GArray *positions = NULL;

      if (next_fitted < map->len && g_array_index (map, guint, next_fitted) == i)
        step = easel_recipe_get_step (self->fitted, next_fitted++);

      if (step != NULL && self->errors->pdata[i] == NULL && easel_step_get_enabled (step))
        {
          g_autoptr(EaselRecipe) one = single_step_recipe (step, current);
          g_autoptr(GError) local = NULL;
          EaselTable *next = easel_recipe_apply (one, current, NULL, NULL, cancellable, &local);

          if (next == NULL)
            {
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return NULL;
                }
              g_clear_pointer (&self->reports->pdata[i], easel_step_report_free);
              self->errors->pdata[i] = g_steal_pointer (&local);
            }
          else
            {
              easel_table_unref (current);
              current = next;
            }
        }

      clean = split_positions (current, &positions, cancellable, error);
      if (clean == NULL)
        return NULL;
      g_ptr_array_add (self->snapshots, clean);
      g_ptr_array_add (self->positions, positions);
    }
  easel_progress_report (progress, 1.0, "Done");

  return g_steal_pointer (&self);
}

EaselStepPreview *
easel_step_preview_ref (EaselStepPreview *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
easel_step_preview_unref (EaselStepPreview *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref_count))
    easel_step_preview_free (self);
}

guint
easel_step_preview_get_n_steps (EaselStepPreview *self)
{
  return self->n_steps;
}

const GError *
easel_step_preview_get_error (EaselStepPreview *self,
                              guint             step)
{
  g_return_val_if_fail (step < self->n_steps, NULL);

  return self->errors->pdata[step];
}

char *
easel_step_preview_dup_error_text (EaselStepPreview *self,
                                   guint             step)
{
  const GError *error = easel_step_preview_get_error (self, step);

  return error != NULL ? strip_step_name (error->message) : NULL;
}

const EaselStepReport *
easel_step_preview_get_report (EaselStepPreview *self,
                               guint             step)
{
  g_return_val_if_fail (step < self->n_steps, NULL);

  return self->reports->pdata[step];
}

EaselRecipe *
easel_step_preview_get_fitted (EaselStepPreview *self)
{
  return self->fitted;
}

EaselTable *
easel_step_preview_get_prepared (EaselStepPreview *self)
{
  return self->prepared;
}

EaselTable *
easel_step_preview_get_snapshot (EaselStepPreview *self,
                                 guint             stage)
{
  g_return_val_if_fail (stage < self->snapshots->len, NULL);

  return self->snapshots->pdata[stage];
}

gsize
easel_step_preview_get_input_row (EaselStepPreview *self,
                                  guint             stage,
                                  gsize             row)
{
  GArray *positions;

  g_return_val_if_fail (stage < self->positions->len, 0);
  positions = self->positions->pdata[stage];
  g_return_val_if_fail (row < positions->len, 0);
  return g_array_index (positions, gsize, row);
}

char **
easel_step_preview_dup_columns (EaselStepPreview *self,
                                guint             stage)
{
  EaselTable *table = easel_step_preview_get_snapshot (self, stage);
  guint n = table != NULL ? easel_table_get_n_columns (table) : 0;
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (easel_table_get_column (table, i)->name);
  return names;
}

/* Diff */

static gboolean
values_differ (const EaselColumn *a,
               gsize              row_a,
               const EaselColumn *b,
               gsize              row_b)
{
  g_autofree char *x = easel_column_dup_value (a, row_a);
  g_autofree char *y = easel_column_dup_value (b, row_b);

  return g_strcmp0 (x, y) != 0;
}

static void
add_diff_column (EaselPreviewDiff       *diff,
                 const char             *name,
                 EaselPreviewColumnKind  kind,
                 int                     before,
                 int                     after)
{
  DiffColumn column = { g_strdup (name), kind, before, after };

  g_array_append_val (diff->columns, column);
}

static void
diff_column_clear (gpointer data)
{
  DiffColumn *column = data;

  g_free (column->name);
}

EaselPreviewDiff *
easel_preview_diff_new (EaselStepPreview  *preview,
                        guint              from,
                        guint              to,
                        const char *const *also)
{
  EaselPreviewDiff *diff = g_new0 (EaselPreviewDiff, 1);
  GArray *before_positions, *after_positions;
  g_autoptr(GHashTable) by_position = g_hash_table_new (g_direct_hash, g_direct_equal);
  gsize n_before, n_after;
  guint n_before_columns, n_after_columns;

  g_return_val_if_fail (from <= to && to < preview->snapshots->len, NULL);

  diff->before = easel_table_ref (preview->snapshots->pdata[from]);
  diff->after = easel_table_ref (preview->snapshots->pdata[to]);
  diff->columns = g_array_new (FALSE, FALSE, sizeof (DiffColumn));
  g_array_set_clear_func (diff->columns, diff_column_clear);
  before_positions = preview->positions->pdata[from];
  after_positions = preview->positions->pdata[to];
  n_before = easel_table_get_n_rows (diff->before);
  n_after = easel_table_get_n_rows (diff->after);
  n_before_columns = easel_table_get_n_columns (diff->before);
  n_after_columns = easel_table_get_n_columns (diff->after);

  /* Line up the rows by their input positions */
  for (gsize i = 0; i < n_after; i++)
    g_hash_table_insert (by_position,
                         GSIZE_TO_POINTER (g_array_index (after_positions, gsize, i) + 1),
                         GSIZE_TO_POINTER (i + 1));
  diff->input_rows = g_array_sized_new (FALSE, FALSE, sizeof (gsize), (guint) n_before);
  diff->after_rows = g_array_sized_new (FALSE, FALSE, sizeof (gssize), (guint) n_before);
  for (gsize i = 0; i < n_before; i++)
    {
      gsize position = g_array_index (before_positions, gsize, i);
      gpointer found = g_hash_table_lookup (by_position, GSIZE_TO_POINTER (position + 1));
      gssize after = found != NULL ? (gssize) GPOINTER_TO_SIZE (found) - 1 : -1;

      g_array_append_val (diff->input_rows, position);
      g_array_append_val (diff->after_rows, after);
      if (after < 0)
        diff->n_removed++;
    }

  /* Columns before, in their order: changed, removed, or named */
  for (guint c = 0; c < n_before_columns && diff->columns->len < MAX_DIFF_COLUMNS; c++)
    {
      const EaselColumn *b = easel_table_get_column (diff->before, c);
      int a_index = easel_table_find_column (diff->after, b->name);
      gboolean changed = FALSE;

      if (a_index < 0)
        {
          add_diff_column (diff, b->name, EASEL_PREVIEW_COLUMN_REMOVED, (int) c, -1);
          continue;
        }
      for (gsize i = 0; i < n_before && !changed; i++)
        {
          gssize after = g_array_index (diff->after_rows, gssize, i);
          if (after >= 0)
            changed = values_differ (b, i, easel_table_get_column (diff->after, (guint) a_index),
                                     (gsize) after)
                      || b->type != easel_table_get_column (diff->after, (guint) a_index)->type;
        }
      if (changed)
        add_diff_column (diff, b->name, EASEL_PREVIEW_COLUMN_CHANGED, (int) c, a_index);
      else if (also != NULL && g_strv_contains (also, b->name))
        add_diff_column (diff, b->name, EASEL_PREVIEW_COLUMN_SAME, (int) c, a_index);
    }
  /* then the new ones, in their order */
  for (guint c = 0; c < n_after_columns && diff->columns->len < MAX_DIFF_COLUMNS; c++)
    {
      const EaselColumn *a = easel_table_get_column (diff->after, c);

      if (easel_table_find_column (diff->before, a->name) < 0)
        add_diff_column (diff, a->name, EASEL_PREVIEW_COLUMN_ADDED, -1, (int) c);
    }
  /* nothing to single out (rows removed, or nothing done): the first columns */
  if (diff->columns->len == 0)
    for (guint c = 0; c < n_before_columns && c < FALLBACK_COLUMNS; c++)
      {
        const EaselColumn *b = easel_table_get_column (diff->before, c);

        add_diff_column (diff, b->name, EASEL_PREVIEW_COLUMN_SAME, (int) c,
                         easel_table_find_column (diff->after, b->name));
      }

  return diff;
}

void
easel_preview_diff_free (EaselPreviewDiff *diff)
{
  if (diff == NULL)
    return;
  easel_table_unref (diff->before);
  easel_table_unref (diff->after);
  g_array_unref (diff->columns);
  g_array_unref (diff->input_rows);
  g_array_unref (diff->after_rows);
  g_free (diff);
}

gsize
easel_preview_diff_get_n_rows (EaselPreviewDiff *diff)
{
  return diff->input_rows->len;
}

gsize
easel_preview_diff_get_n_removed (EaselPreviewDiff *diff)
{
  return diff->n_removed;
}

guint
easel_preview_diff_get_n_columns (EaselPreviewDiff *diff)
{
  return diff->columns->len;
}

static const DiffColumn *
diff_column (EaselPreviewDiff *diff,
             guint             column)
{
  /* callers index within get_n_columns() */
  g_assert (column < diff->columns->len);
  return &g_array_index (diff->columns, DiffColumn, column);
}

const char *
easel_preview_diff_get_column_name (EaselPreviewDiff *diff,
                                    guint             column)
{
  return diff_column (diff, column)->name;
}

EaselPreviewColumnKind
easel_preview_diff_get_column_kind (EaselPreviewDiff *diff,
                                    guint             column)
{
  return diff_column (diff, column)->kind;
}

gsize
easel_preview_diff_get_input_row (EaselPreviewDiff *diff,
                                  gsize             row)
{
  g_return_val_if_fail (row < diff->input_rows->len, 0);

  return g_array_index (diff->input_rows, gsize, row);
}

gboolean
easel_preview_diff_row_removed (EaselPreviewDiff *diff,
                                gsize             row)
{
  g_return_val_if_fail (row < diff->after_rows->len, FALSE);

  return g_array_index (diff->after_rows, gssize, row) < 0;
}

char *
easel_preview_diff_dup_before (EaselPreviewDiff *diff,
                               guint             column,
                               gsize             row)
{
  const DiffColumn *c = diff_column (diff, column);

  g_return_val_if_fail (row < diff->input_rows->len, NULL);
  if (c->before < 0)
    return NULL;
  return easel_column_dup_value (easel_table_get_column (diff->before, (guint) c->before), row);
}

char *
easel_preview_diff_dup_after (EaselPreviewDiff *diff,
                              guint             column,
                              gsize             row)
{
  const DiffColumn *c = diff_column (diff, column);
  gssize after;

  g_return_val_if_fail (row < diff->after_rows->len, NULL);
  after = g_array_index (diff->after_rows, gssize, row);
  if (c->after < 0 || after < 0)
    return NULL;
  return easel_column_dup_value (easel_table_get_column (diff->after, (guint) c->after),
                                 (gsize) after);
}

gboolean
easel_preview_diff_cell_changed (EaselPreviewDiff *diff,
                                 guint             column,
                                 gsize             row)
{
  const DiffColumn *c = diff_column (diff, column);
  gssize after;

  g_return_val_if_fail (row < diff->after_rows->len, FALSE);
  after = g_array_index (diff->after_rows, gssize, row);
  if (after < 0 || c->before < 0 || c->after < 0)
    return TRUE;
  return values_differ (easel_table_get_column (diff->before, (guint) c->before), row,
                        easel_table_get_column (diff->after, (guint) c->after), (gsize) after);
}
