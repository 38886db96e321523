// OCOP products valid on a date (core/ocop_figures.hpp) from the certificates, for the
// statistical report that states them beside the registry's figures (national, every province).
// Nothing (present false) without OCOP's rules or before any certificate is recorded.
#pragma once

#include "core/date.hpp"
#include "core/ocop_figures.hpp"
#include "ocop/rules.hpp"
#include "store/database.hpp"

namespace htx::areas {

OcopFigures national_ocop_figures(store::Database& db, const ocop::OcopRules* rules, Date on);

}  // namespace htx::areas
