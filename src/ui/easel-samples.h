/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A sample dataset shipped with Easel, as shown in the welcome page's gallery. */
typedef struct
{
  const char *file_name;    /* in the samples folder */
  const char *title;        /* untranslated: pass through _() */
  const char *description;  /* untranslated: pass through _() */
  const char *target;       /* the column a first model would predict */
  guint       n_rows;
  guint       n_columns;
} EaselSample;

const EaselSample *easel_samples_get       (guint             *n_samples);
const EaselSample *easel_samples_lookup    (const char        *file_name);
/* The sample's file: the first existing one among $EASEL_SAMPLES_DIR, the installed
 * samples folder and the source tree's data/samples. NULL if none has it. */
char              *easel_sample_find_file  (const EaselSample *sample);

G_END_DECLS
