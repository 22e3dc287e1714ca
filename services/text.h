#pragma once

#include <QCoreApplication>

// The messages of the services layer that reach a person (errors, warnings, lines of an import
// report) go through Text::tr(). One context, "Services", so a message said in several places is
// translated once; lupdate reads it from Q_DECLARE_TR_FUNCTIONS. What is written to the database
// (validation notes) stays untranslated: it is data, read by everyone who opens the database.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Services)
};
