/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "easel-samples"

#include "config.h"

#include <glib/gi18n.h>

#include "easel-samples.h"

/* The gallery, most approachable first. Sizes are checked against the files by the tests. */
static const EaselSample samples[] = {
  { "iris.csv", N_("Iris Flowers"),
    N_("Predict the species of an iris from the size of its petals and sepals"),
    "species", 150, 5 },
  { "penguins.csv", N_("Palmer Penguins"),
    N_("Predict the species of a penguin from its bill, flippers and weight"),
    "species", 344, 8 },
  { "telco_churn.csv", N_("Telco Customer Churn"),
    N_("Predict which customers of a phone company will leave"),
    "churn", 7043, 20 },
  { "ames_housing.csv", N_("Ames Housing"),
    N_("Predict the sale price of a house in Ames, Iowa"),
    "Sale_Price", 2930, 74 },
  { "diamonds.csv", N_("Diamonds"),
    N_("Predict the price of a diamond from its carat, cut, colour and clarity"),
    "price", 53940, 10 },
  { "digits.csv", N_("Handwritten Digits"),
    N_("Recognise handwritten digits from 8×8 pixel images"),
    "digit", 1797, 65 },
  { "seattle-weather.csv", N_("Seattle Weather"),
    N_("Predict the weather of a day from rain, temperature and wind"),
    "weather", 1461, 6 },
  { "wine.csv", N_("Wine Cultivars"),
    N_("Tell three grape cultivars apart from a chemical analysis of their wine"),
    "cultivar", 178, 14 },
  { "breast_cancer.csv", N_("Breast Cancer Diagnosis"),
    N_("Predict whether a tumour is malignant from measurements of its cells"),
    "diagnosis", 569, 31 },
  { "credit_scoring.csv", N_("Credit Scoring"),
    N_("Predict whether a loan will be repaid"),
    "Status", 4454, 14 },
  { "employee_attrition.csv", N_("Employee Attrition"),
    N_("Predict which employees will leave their company"),
    "Attrition", 1470, 31 },
  { "concrete_strength.csv", N_("Concrete Strength"),
    N_("Predict the compressive strength of concrete from its mix and age"),
    "compressive_strength", 1030, 9 },
  { "diabetes.csv", N_("Diabetes Progression"),
    N_("Predict how diabetes progresses over a year from ten baseline measurements"),
    "progression", 442, 11 },
  { "letter_recognition.csv", N_("Letter Recognition"),
    N_("Recognise the 26 capital letters from features of their printed shapes"),
    "lettr", 20000, 17 },
  { "shuttle.csv", N_("Space Shuttle Radiators"),
    N_("Predict the state of a shuttle's radiators; one class is far more common"),
    "Class", 58000, 10 },
};

const EaselSample *
easel_samples_get (guint *n_samples)
{
  *n_samples = G_N_ELEMENTS (samples);

  return samples;
}

const EaselSample *
easel_samples_lookup (const char *file_name)
{
  g_return_val_if_fail (file_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_str_equal (samples[i].file_name, file_name))
      return &samples[i];

  return NULL;
}

char *
easel_sample_find_file (const EaselSample *sample)
{
  const char *dirs[] = { g_getenv ("EASEL_SAMPLES_DIR"), SAMPLESDIR, SOURCE_SAMPLESDIR };

  g_return_val_if_fail (sample != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;

      path = g_build_filename (dirs[i], sample->file_name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}
