#!/usr/bin/env bash
# Adds a migration for both databases: SQLite (Data/Migrations, VisnykDb) and PostgreSQL
# (Data/PostgreSqlMigrations, PostgresDb). Neither needs a running server.
# Usage: tools/add-migration.sh Name
set -euo pipefail
name=${1:?Usage: tools/add-migration.sh Name}
cd "$(dirname "$0")/../src/Visnyk"
dotnet tool restore --disable-parallel >/dev/null
dotnet ef migrations add "$name" --context VisnykDb -o Data/Migrations
dotnet ef migrations add "$name" --context PostgresDb -o Data/PostgreSqlMigrations
rm -f design.db design.db-*
