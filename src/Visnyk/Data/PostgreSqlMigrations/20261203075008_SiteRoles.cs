using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SiteRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_AspNetUserRoles",
                table: "AspNetUserRoles");

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Sites",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Sessions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "AspNetUserRoles",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddPrimaryKey(
                name: "PK_AspNetUserRoles",
                table: "AspNetUserRoles",
                columns: new[] { "UserId", "RoleId", "SiteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sites_ParentId",
                table: "Sites",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_SiteId",
                table: "AspNetUserRoles",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserRoles_Sites_SiteId",
                table: "AspNetUserRoles",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Sites_Sites_ParentId",
                table: "Sites",
                column: "ParentId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Every role so far was site 1's (the default filled them); from now on a role row says
            // its site or is refused, and row-level security holds for it as for every site table.
            migrationBuilder.Sql("ALTER TABLE \"AspNetUserRoles\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"AspNetUserRoles\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"AspNetUserRoles\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "AspNetUserRoles"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY IF EXISTS site_isolation ON \"AspNetUserRoles\";");
            migrationBuilder.Sql("ALTER TABLE \"AspNetUserRoles\" NO FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"AspNetUserRoles\" DISABLE ROW LEVEL SECURITY;");

            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUserRoles_Sites_SiteId",
                table: "AspNetUserRoles");

            migrationBuilder.DropForeignKey(
                name: "FK_Sites_Sites_ParentId",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_Sites_ParentId",
                table: "Sites");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AspNetUserRoles",
                table: "AspNetUserRoles");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUserRoles_SiteId",
                table: "AspNetUserRoles");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "AspNetUserRoles");

            migrationBuilder.AddPrimaryKey(
                name: "PK_AspNetUserRoles",
                table: "AspNetUserRoles",
                columns: new[] { "UserId", "RoleId" });
        }
    }
}
