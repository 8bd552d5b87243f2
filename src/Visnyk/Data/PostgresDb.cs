using Microsoft.EntityFrameworkCore;

namespace Visnyk.Data;

// The same model on PostgreSQL (Visnyk:PostgreSql set). A class of its own only so that its
// migrations (Data/PostgreSqlMigrations) are told apart from SQLite's: EF Core picks a context's
// migrations by its type. The site asks for VisnykDb either way.
public class PostgresDb(DbContextOptions<PostgresDb> options) : VisnykDb(options);
