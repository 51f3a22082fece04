/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-test"

/* EaselProgress: fractions, messages, nested ranges, throttled notification, threads. */

#include <string.h>

#include "easel-test-util.h"

typedef struct
{
  int            n_notify;
  int            n_destroy;
  EaselProgress *seen;
} Counter;

static void
counter_notify (EaselProgress *progress,
                gpointer       user_data)
{
  Counter *c = user_data;

  g_atomic_int_inc (&c->n_notify);
  g_atomic_pointer_set (&c->seen, progress);
}

static void
counter_destroy (gpointer user_data)
{
  Counter *c = user_data;

  c->n_destroy++;
}

static void
test_report_get (void)
{
  Counter c = { 0 };
  EaselProgress *progress = easel_progress_new (counter_notify, &c, counter_destroy);
  g_autofree char *message = NULL;
  g_autofree char *message2 = NULL;

  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.0);
  easel_progress_report (progress, 0.3, "Reading rows");
  g_assert_cmpfloat (easel_progress_get (progress, &message), ==, 0.3);
  g_assert_cmpstr (message, ==, "Reading rows");
  /* the first report notifies, with the progress itself */
  g_assert_cmpint (c.n_notify, >=, 1);
  g_assert_true (c.seen == progress);

  easel_progress_report (progress, 1.0, "Done");
  g_assert_cmpfloat (easel_progress_get (progress, &message2), ==, 1.0);
  g_assert_cmpstr (message2, ==, "Done");

  /* ref/unref: the destroy notify runs once, on the last unref */
  g_assert_true (easel_progress_ref (progress) == progress);
  easel_progress_unref (progress);
  g_assert_cmpint (c.n_destroy, ==, 0);
  easel_progress_unref (progress);
  g_assert_cmpint (c.n_destroy, ==, 1);
}

static void
test_clamped (void)
{
  g_autoptr (EaselProgress) progress = easel_progress_new (NULL, NULL, NULL);
  double f;

  /* the fraction stays within [0, 1] */
  easel_progress_report (progress, 1.5, NULL);
  f = easel_progress_get (progress, NULL);
  g_assert_cmpfloat (f, >=, 0.0);
  g_assert_cmpfloat (f, <=, 1.0);
  easel_progress_report (progress, -0.25, NULL);
  f = easel_progress_get (progress, NULL);
  g_assert_cmpfloat (f, >=, 0.0);
  g_assert_cmpfloat (f, <=, 1.0);
}

static void
test_ranges (void)
{
  g_autoptr (EaselProgress) progress = easel_progress_new (NULL, NULL, NULL);

  easel_progress_push_range (progress, 0.5, 1.0);
  easel_progress_report (progress, 0.5, "second half");
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.75);
  easel_progress_report (progress, 0.0, NULL);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.5);
  easel_progress_report (progress, 1.0, NULL);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 1.0);

  /* nested: [0, 0.5] inside [0.5, 1] is [0.5, 0.75] */
  easel_progress_push_range (progress, 0.0, 0.5);
  easel_progress_report (progress, 1.0, NULL);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.75);
  easel_progress_report (progress, 0.5, NULL);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.625);
  easel_progress_pop_range (progress);

  easel_progress_report (progress, 0.2, NULL);
  easel_assert_close (easel_progress_get (progress, NULL), 0.6, 1e-15);
  easel_progress_pop_range (progress);

  easel_progress_report (progress, 0.2, NULL);
  g_assert_cmpfloat (easel_progress_get (progress, NULL), ==, 0.2);

  /* a range in the middle */
  easel_progress_push_range (progress, 0.2, 0.4);
  easel_progress_report (progress, 0.5, NULL);
  easel_assert_close (easel_progress_get (progress, NULL), 0.3, 1e-15);
  easel_progress_pop_range (progress);
}

static void
test_throttled (void)
{
  Counter c = { 0 };
  g_autoptr (EaselProgress) progress = easel_progress_new (counter_notify, &c, NULL);
  gint64 start = g_get_monotonic_time ();
  double elapsed_ms;

  for (int i = 0; i < 200000; i++)
    easel_progress_report (progress, i / 200000.0, "busy");
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* at most one notification per 50 ms interval (plus the first) */
  g_assert_cmpint (c.n_notify, >=, 1);
  g_assert_cmpfloat (c.n_notify, <=, elapsed_ms / 50.0 + 2);
}

static void
test_elapsed (void)
{
  g_autoptr (EaselProgress) progress = easel_progress_new (NULL, NULL, NULL);
  double a = easel_progress_elapsed (progress);
  double b;

  g_assert_cmpfloat (a, >=, 0.0);
  g_usleep (30000);
  b = easel_progress_elapsed (progress);
  g_assert_cmpfloat (b - a, >=, 0.025);
  g_assert_cmpfloat (b, <, 10.0);
}

typedef struct
{
  EaselProgress *progress;
  int            id;
} Worker;

static const char *const worker_messages[] = { "worker 0", "worker 1", "worker 2", "worker 3" };

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;

  for (int i = 0; i < 100000; i++)
    {
      easel_progress_report (w->progress, (i % 1000) / 1000.0, worker_messages[w->id]);
      if (i % 97 == 0)
        {
          g_autofree char *message = NULL;
          double f = easel_progress_get (w->progress, &message);

          g_assert_cmpfloat (f, >=, 0.0);
          g_assert_cmpfloat (f, <=, 1.0);
          g_assert_true (g_strv_contains (worker_messages, message));
        }
    }
  return NULL;
}

static void
test_threads (void)
{
  Counter c = { 0 };
  g_autoptr (EaselProgress) progress = easel_progress_new (counter_notify, &c, NULL);
  Worker workers[4];
  GThread *threads[4];
  g_autofree char *message = NULL;
  double f;

  for (int i = 0; i < 4; i++)
    {
      workers[i].progress = progress;
      workers[i].id = i;
      threads[i] = g_thread_new ("reporter", worker_run, &workers[i]);
    }
  for (int i = 0; i < 4; i++)
    g_thread_join (threads[i]);

  f = easel_progress_get (progress, &message);
  g_assert_cmpfloat (f, >=, 0.0);
  g_assert_cmpfloat (f, <, 1.0);
  g_assert_true (g_strv_contains (worker_messages, message));
  g_assert_cmpint (g_atomic_int_get (&c.n_notify), >=, 1);
}

static void
test_null (void)
{
  char *message = NULL;

  /* every function accepts NULL and does nothing */
  easel_progress_report (NULL, 0.5, "nothing");
  easel_progress_push_range (NULL, 0.1, 0.2);
  easel_progress_pop_range (NULL);
  (void) easel_progress_get (NULL, &message);
  g_free (message);
  (void) easel_progress_get (NULL, NULL);
  (void) easel_progress_elapsed (NULL);
  g_assert_null (easel_progress_ref (NULL));
  easel_progress_unref (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  easel_test_add ("/progress/report-get", test_report_get);
  easel_test_add ("/progress/clamped", test_clamped);
  easel_test_add ("/progress/ranges", test_ranges);
  easel_test_add ("/progress/throttled", test_throttled);
  easel_test_add ("/progress/elapsed", test_elapsed);
  easel_test_add ("/progress/threads", test_threads);
  easel_test_add ("/progress/null", test_null);

  return g_test_run ();
}
