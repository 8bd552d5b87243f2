using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class RowSecurity : Migration
    {
        // The tables with a "SiteId" (VisnykDb.SiteOwned) at this migration.
        static readonly string[] Tables = ["Articles", "ArticleChanges", "AuditEntries", "Deliveries", "Departments", "Images", "Mailings", "OldAddresses", "SiteSettings", "Subscribers", "Tags", "WordPressPosts"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each site's rows only: a statement sees and writes the rows of the site named by
            // app.site_id (set per transaction by Data/SiteSession) and none when it is unset, even
            // where a query forgot the EF filter. FORCE holds the tables' owner to it too; only a
            // superuser or a BYPASSRLS role (migrations, backup, restore) sees every site.
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" ENABLE ROW LEVEL SECURITY;");
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY;");
                migrationBuilder.Sql($"""
                    CREATE POLICY site_isolation ON "{table}"
                    USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                    WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP POLICY IF EXISTS site_isolation ON \"{table}\";");
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" NO FORCE ROW LEVEL SECURITY;");
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" DISABLE ROW LEVEL SECURITY;");
            }
        }
    }
}
