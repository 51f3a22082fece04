/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Steps on strings: strip, case, replace. Each maps every string of a text or categorical
 * column; a categorical column maps its categories only (and merges those that become equal). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "easel-recipe-private.h"

#define TEXT_BLOCK 16384

/* The new string, or NULL when it is unchanged. */
typedef char *(*MapFunc) (const char *s,
                          gsize       len,
                          gconstpointer data);

typedef struct
{
  GString *bytes;
  gsize    changed;
} TextBlock;

/* 'parallel': 'map' may run on several threads at once. */
static EaselColumn *
map_strings (const EaselColumn *column,
             MapFunc            map,
             gconstpointer      data,
             gboolean           parallel,
             gsize             *n_changed)
{
  gsize n = column->n_rows;

  *n_changed = 0;
  if (column->type == EASEL_COLUMN_CATEGORICAL)
    {
      g_autofree char **mapped = g_new0 (char *, column->n_categories + 1);
      g_autofree const char **strings = g_new (const char *, column->n_categories + 1);
      g_autofree gsize *counts = g_new0 (gsize, column->n_categories + 1);
      gint32 *codes = g_memdup2 (column->codes, MAX (n, 1) * sizeof (gint32));
      EaselColumn *out;

      for (guint32 k = 0; k < column->n_categories; k++)
        {
          mapped[k] = map (column->categories[k], strlen (column->categories[k]), data);
          strings[k] = mapped[k] != NULL ? mapped[k] : column->categories[k];
        }
      for (gsize i = 0; i < n; i++)
        if (codes[i] >= 0)
          counts[codes[i]]++;
      for (guint32 k = 0; k < column->n_categories; k++)
        if (mapped[k] != NULL && strcmp (mapped[k], column->categories[k]) != 0)
          *n_changed += counts[k];
      out = easel_prep_column_new_categorical (column->name, n, codes, strings,
                                               column->n_categories);
      for (guint32 k = 0; k < column->n_categories; k++)
        g_free (mapped[k]);
      return out;
    }
  else
    {
      gsize n_blocks = (n + TEXT_BLOCK - 1) / TEXT_BLOCK, total = 0, pos = 0;
      g_autofree TextBlock *blocks = g_new0 (TextBlock, MAX (n_blocks, 1));
      guint64 *offsets = g_new (guint64, n + 1);
      char *text;

#pragma omp parallel for schedule(dynamic, 1) if (parallel && n_blocks > 1)
      for (gsize b = 0; b < n_blocks; b++)
        {
          gsize start = b * TEXT_BLOCK, end = MIN (n, start + TEXT_BLOCK);
          GString *bytes = g_string_sized_new (column->offsets[end] - column->offsets[start] + 16);

          for (gsize i = start; i < end; i++)
            {
              gsize len;
              const char *s = easel_prep_string (column, i, &len);
              g_autofree char *m = s != NULL ? map (s, len, data) : NULL;

              if (m != NULL && strcmp (m, s) != 0)
                {
                  blocks[b].changed++;
                  g_string_append_len (bytes, m, strlen (m) + 1);
                }
              else
                g_string_append_len (bytes, column->text + column->offsets[i],
                                     column->offsets[i + 1] - column->offsets[i]);
            }
          blocks[b].bytes = bytes;
        }
      for (gsize b = 0; b < n_blocks; b++)
        total += blocks[b].bytes->len;
      text = g_malloc (MAX (total, 1));
      for (gsize b = 0; b < n_blocks; b++)
        {
          gsize start = b * TEXT_BLOCK, end = MIN (n, start + TEXT_BLOCK);
          const char *s = blocks[b].bytes->str;
          memcpy (text + pos, s, blocks[b].bytes->len);
          for (gsize i = start; i < end; i++)
            {
              gsize len = strlen (text + pos);
              offsets[i] = pos;
              pos += len + 1;
            }
          *n_changed += blocks[b].changed;
          g_string_free (blocks[b].bytes, TRUE);
        }
      offsets[n] = pos;
      return easel_column_new_text (column->name, n, offsets, text,
                                    column->missing != NULL ? g_memdup2 (column->missing, n)
                                                            : NULL);
    }
}

/* Map the string columns named by "columns". */
static gboolean
map_columns (EaselStepRun   *run,
             MapFunc         map,
             gconstpointer   data,
             GError        **error)
{
  g_autoptr(GArray) indices = easel_prep_resolve_columns (run, "columns", FALSE, error);
  g_autofree EaselColumn **out = NULL;
  g_autofree gsize *changed = NULL;
  guint n;

  if (indices == NULL)
    return FALSE;
  n = indices->len;
  for (guint c = 0; c < n; c++)
    if (!easel_prep_require_type (
            run, "columns", easel_frame_get_column (run->frame, g_array_index (indices, guint, c)),
            EASEL_TYPES_STRING, _("this step needs text or categorical columns"), error))
      return FALSE;
  out = g_new0 (EaselColumn *, MAX (n, 1));
  changed = g_new0 (gsize, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    out[c] = map_strings (easel_frame_get_column (run->frame, g_array_index (indices, guint, c)),
                          map, data, TRUE, &changed[c]);
  for (guint c = 0; c < n; c++)
    {
      easel_frame_replace_column (run->frame, g_array_index (indices, guint, c), out[c]);
      run->report->values_changed += changed[c];
    }
  return TRUE;
}

/* strip {columns, side} */

static const char *const side_choices[] = {
  NC_("step choice", "both"),
  NC_("step choice", "left"),
  NC_("step choice", "right"),
  NULL
};

/* What Python's str.isspace() calls white space. */
static gboolean
is_python_space (gunichar c)
{
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0
         || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f
         || c == 0x205f || c == 0x3000;
}

typedef struct
{
  gboolean left;
  gboolean right;
} StripSides;

static char *
strip_one (const char    *s,
           gsize          len,
           gconstpointer  data)
{
  const StripSides *sides = data;
  const char *start = s, *end = s + len;

  if (sides->left)
    while (start < end && is_python_space (g_utf8_get_char (start)))
      start = g_utf8_next_char (start);
  if (sides->right)
    while (end > start)
      {
        const char *prev = g_utf8_prev_char (end);
        if (!is_python_space (g_utf8_get_char (prev)))
          break;
        end = prev;
      }
  if (start == s && end == s + len)
    return NULL;
  return g_strndup (start, end - start);
}

static gboolean
strip_apply (EaselStepRun  *run,
             JsonObject    *fitted,
             GError       **error)
{
  const char *side = easel_prep_param_string (run->step, "side", "both");
  StripSides sides = { strcmp (side, "right") != 0, strcmp (side, "left") != 0 };

  return map_columns (run, strip_one, &sides, error);
}

static const EaselStepParamSpec strip_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL,
    N_("The text or categorical columns to trim.") },
  { "side", EASEL_STEP_PARAM_CHOICE, FALSE, side_choices, "\"both\"",
    N_("Which ends to trim white space from.") },
};

const EaselOpClass easel_op_strip = {
  { "strip", N_("Trim white space"), N_("Removes white space at the start or end of each value."),
    strip_params, G_N_ELEMENTS (strip_params), FALSE },
  NULL, NULL, strip_apply,
};

/* case {columns, to} */

static const char *const case_choices[] = {
  NC_("step choice", "lower"),
  NC_("step choice", "upper"),
  NC_("step choice", "title"),
  NULL
};

typedef enum
{
  CASE_LOWER,
  CASE_UPPER,
  CASE_TITLE,
} CaseKind;

static gboolean
is_cased (gunichar c)
{
  return g_unichar_isupper (c) || g_unichar_islower (c) || g_unichar_istitle (c);
}

static char *
case_one (const char    *s,
          gsize          len,
          gconstpointer  data)
{
  CaseKind kind = GPOINTER_TO_INT (data);
  gboolean ascii = TRUE;

  for (gsize i = 0; i < len && ascii; i++)
    ascii = (guchar) s[i] < 0x80;
  if (kind == CASE_LOWER)
    {
      if (ascii)
        return g_ascii_strdown (s, len);
      return g_utf8_strdown (s, len);
    }
  if (kind == CASE_UPPER)
    {
      if (ascii)
        return g_ascii_strup (s, len);
      return g_utf8_strup (s, len);
    }
  else
    {
      /* As Python's str.title(): a cased character after a cased one is lowered, any other
       * cased character is put in title case. */
      GString *out = g_string_sized_new (len);
      gboolean previous_cased = FALSE;

      for (const char *p = s; p < s + len; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          gunichar mapped = previous_cased ? g_unichar_tolower (c) : g_unichar_totitle (c);
          g_string_append_unichar (out, mapped);
          previous_cased = is_cased (c);
        }
      return g_string_free (out, FALSE);
    }
}

static gboolean
case_apply (EaselStepRun  *run,
            JsonObject    *fitted,
            GError       **error)
{
  const char *to = easel_prep_param_string (run->step, "to", "lower");
  CaseKind    kind = strcmp (to, "upper") == 0   ? CASE_UPPER
                     : strcmp (to, "title") == 0 ? CASE_TITLE
                                                 : CASE_LOWER;

  return map_columns (run, case_one, GINT_TO_POINTER (kind), error);
}

static const EaselStepParamSpec case_params[] = {
  { "columns", EASEL_STEP_PARAM_COLUMNS, TRUE, NULL, NULL,
    N_("The text or categorical columns to change.") },
  { "to", EASEL_STEP_PARAM_CHOICE, TRUE, case_choices, NULL,
    N_("lower, upper, or title (the first letter of each word upper case).") },
};

const EaselOpClass easel_op_case = {
  { "case", N_("Change letter case"), N_("Puts the values in lower, upper or title case."),
    case_params, G_N_ELEMENTS (case_params), FALSE },
  NULL, NULL, case_apply,
};

/* replace {column, find, with, regex?} */

typedef struct
{
  const char *find;
  gsize       find_len;
  const char *with;
  GRegex     *regex;
} Replace;

static char *
replace_one (const char    *s,
             gsize          len,
             gconstpointer  data)
{
  const Replace *r = data;

  if (r->regex != NULL)
    {
      char *out = g_regex_replace (r->regex, s, (gssize) len, 0, r->with, 0, NULL);
      return out;
    }
  else
    {
      const char *hit = strstr (s, r->find);
      GString *out;

      if (hit == NULL)
        return NULL;
      out = g_string_sized_new (len);
      while (hit != NULL)
        {
          g_string_append_len (out, s, hit - s);
          g_string_append (out, r->with);
          s = hit + r->find_len;
          hit = strstr (s, r->find);
        }
      g_string_append (out, s);
      return g_string_free (out, FALSE);
    }
}

static GRegex *
compile_regex (const EaselStep  *step,
               guint             index,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  GRegex *regex
      = g_regex_new (easel_prep_param_string (step, "find", ""), G_REGEX_OPTIMIZE, 0, &local);

  if (regex == NULL)
    easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                          "find", _("is not a valid regular expression: %s"), local->message);
  return regex;
}

static gboolean
replace_check (const EaselStep  *step,
               guint             index,
               GError          **error)
{
  if (strlen (easel_prep_param_string (step, "find", "")) == 0)
    {
      easel_prep_set_error (error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT,
                            "find", _("must not be empty."));
      return FALSE;
    }
  if (easel_prep_param_boolean (step, "regex", FALSE))
    {
      g_autoptr(GRegex) regex = compile_regex (step, index, error);
      if (regex == NULL)
        return FALSE;
      if (!g_regex_check_replacement (easel_prep_param_string (step, "with", ""), NULL, NULL))
        {
          easel_prep_set_error (
              error, index, easel_step_get_op (step), EASEL_ERROR_INVALID_ARGUMENT, "with",
              _("is not a valid replacement (use \\1 or \\g<name> for groups, \\\\ for a "
                 "backslash)."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
replace_apply (EaselStepRun  *run,
               JsonObject    *fitted,
               GError       **error)
{
  Replace r = { 0 };
  int index = easel_prep_resolve_column (run, "column", error);
  EaselColumn *column, *out;
  gsize changed;

  if (index < 0)
    return FALSE;
  column = easel_frame_get_column (run->frame, index);
  if (!easel_prep_require_type (run, "column", column, EASEL_TYPES_STRING,
                                _("replace needs a text or categorical column"), error))
    return FALSE;
  r.find = easel_prep_param_string (run->step, "find", "");
  r.find_len = strlen (r.find);
  r.with = easel_prep_param_string (run->step, "with", "");
  if (easel_prep_param_boolean (run->step, "regex", FALSE))
    {
      r.regex = compile_regex (run->step, run->index, error);
      if (r.regex == NULL)
        return FALSE;
    }
  /* A GRegex sets up its JIT on first use, which is not safe from several threads at once. */
  out = map_strings (column, replace_one, &r, r.regex == NULL, &changed);
  g_clear_pointer (&r.regex, g_regex_unref);
  easel_frame_replace_column (run->frame, index, out);
  run->report->values_changed = changed;
  return TRUE;
}

static const EaselStepParamSpec replace_params[] = {
  { "column", EASEL_STEP_PARAM_COLUMN, TRUE, NULL, NULL, N_("The text or categorical column.") },
  { "find", EASEL_STEP_PARAM_STRING, TRUE, NULL, NULL,
    N_("The text (or regular expression) to find.") },
  { "with", EASEL_STEP_PARAM_STRING, TRUE, NULL, NULL, N_("What to put in its place.") },
  { "regex", EASEL_STEP_PARAM_BOOLEAN, FALSE, NULL, "false",
    N_("Read “find” as a regular expression (PCRE, a superset of POSIX extended).") },
};

const EaselOpClass easel_op_replace = {
  { "replace", N_("Find and replace"),
    N_("Replaces every occurrence of a text, or of a regular expression."), replace_params,
    G_N_ELEMENTS (replace_params), FALSE },
  replace_check,
  NULL,
  replace_apply,
};
