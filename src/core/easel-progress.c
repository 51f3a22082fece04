/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

#include "easel-progress.h"

#define MAX_DEPTH 16
/* The notify callback runs at most this often, so a fast worker never floods its UI. */
#define NOTIFY_INTERVAL_USEC (50 * 1000)

struct _EaselProgress
{
  gatomicrefcount      ref_count;
  GMutex               mutex;
  double               fraction;
  char                *message;
  double               lo[MAX_DEPTH];
  double               hi[MAX_DEPTH];
  guint                depth;
  gint64               start_usec;
  gint64               last_notify_usec;
  EaselProgressNotify  notify;
  gpointer             user_data;
  GDestroyNotify       destroy;
};

EaselProgress *
easel_progress_new (EaselProgressNotify notify,
                    gpointer            user_data,
                    GDestroyNotify      destroy)
{
  EaselProgress *self = g_new0 (EaselProgress, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->lo[0] = 0.0;
  self->hi[0] = 1.0;
  self->start_usec = g_get_monotonic_time ();
  self->last_notify_usec = G_MININT64 / 2;
  self->notify = notify;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

EaselProgress *
easel_progress_ref (EaselProgress *self)
{
  if (self == NULL)
    return NULL;
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
easel_progress_unref (EaselProgress *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->destroy)
    self->destroy (self->user_data);
  g_mutex_clear (&self->mutex);
  g_free (self->message);
  g_free (self);
}

void
easel_progress_push_range (EaselProgress *self,
                           double         lo,
                           double         hi)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->mutex);
  if (self->depth + 1 < MAX_DEPTH)
    {
      double plo = self->lo[self->depth];
      double phi = self->hi[self->depth];

      self->depth++;
      self->lo[self->depth] = plo + (phi - plo) * CLAMP (lo, 0.0, 1.0);
      self->hi[self->depth] = plo + (phi - plo) * CLAMP (hi, 0.0, 1.0);
    }
  g_mutex_unlock (&self->mutex);
}

void
easel_progress_pop_range (EaselProgress *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->mutex);
  if (self->depth > 0)
    self->depth--;
  g_mutex_unlock (&self->mutex);
}

void
easel_progress_report (EaselProgress *self,
                       double         fraction,
                       const char    *message)
{
  gboolean do_notify = FALSE;
  gint64 now;

  if (self == NULL)
    return;

  now = g_get_monotonic_time ();
  g_mutex_lock (&self->mutex);
  fraction = CLAMP (fraction, 0.0, 1.0);
  self->fraction = self->lo[self->depth] + (self->hi[self->depth] - self->lo[self->depth]) * fraction;
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  /* Always let the final report through, so the last value seen is the end. */
  if (now - self->last_notify_usec >= NOTIFY_INTERVAL_USEC || self->fraction >= 1.0)
    {
      self->last_notify_usec = now;
      do_notify = self->notify != NULL;
    }
  g_mutex_unlock (&self->mutex);

  if (do_notify)
    self->notify (self, self->user_data);
}

double
easel_progress_get (EaselProgress  *self,
                    char          **message)
{
  double fraction;

  if (self == NULL)
    {
      if (message)
        *message = NULL;
      return 0.0;
    }
  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  if (message)
    *message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return fraction;
}

double
easel_progress_elapsed (EaselProgress *self)
{
  if (self == NULL)
    return 0.0;
  return (g_get_monotonic_time () - self->start_usec) / (double) G_USEC_PER_SEC;
}
