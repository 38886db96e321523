#include "api/app_context.hpp"

namespace htx::api {

WorkerServices& worker_services(const AppContext& ctx) {
  // A context is told apart by its address and database: tests build one context after
  // another, possibly at the same address.
  thread_local const AppContext* owner = nullptr;
  thread_local std::string owner_url;
  thread_local WorkerServices services;
  if (owner != &ctx || owner_url != ctx.database_url || !services.db) {
    services = WorkerServices{};
    services.db = ctx.open_database(ctx.database_url);
    auto& db = *services.db;
    services.registry = std::make_unique<registry::RegistryService>(
        db.registry(), db.audit(), db.flows(), db, *ctx.geo, *ctx.sectors, *ctx.clock);
    const geo::Geography* geo = ctx.geo;
    services.accounts = std::make_unique<accounts::AccountService>(
        db.accounts(), db.audit(), db, ctx.now,
        [geo](std::string_view id) { return geo->province(id) != nullptr; }, ctx.accounts_policy);
    services.access = std::make_unique<accounts::AccessPolicy>(*ctx.geo);
    owner = &ctx;
    owner_url = ctx.database_url;
  }
  return services;
}

areas::RegistryArea registry_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::RegistryArea(*s.db, *s.access, *ctx.geo, *ctx.sectors, *ctx.clock,
                             areas::caller_of(*s.access, p));
}

areas::AccountsArea accounts_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::AccountsArea(*s.db, *s.access, *ctx.geo, ctx.now, ctx.accounts_policy,
                             areas::caller_of(*s.access, p));
}

areas::MarketArea market_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::MarketArea(*s.db, *ctx.clock, *ctx.market, areas::caller_of(*s.access, p));
}

areas::FundArea fund_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::FundArea(*s.db, *ctx.clock, *ctx.fund, areas::caller_of(*s.access, p));
}

areas::OcopArea ocop_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::OcopArea(*s.db, *ctx.clock, *ctx.ocop, areas::caller_of(*s.access, p));
}

areas::TrainingArea training_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::TrainingArea(*s.db, *ctx.clock, *ctx.training, *ctx.geo,
                             areas::caller_of(*s.access, p));
}

areas::AdvisoryArea advisory_area(const AppContext& ctx, const accounts::Principal& p) {
  auto& s = worker_services(ctx);
  return areas::AdvisoryArea(*s.db, *ctx.clock, *ctx.geo, areas::caller_of(*s.access, p));
}

}  // namespace htx::api
