using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SavedSearches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedSearches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Departments = table.Column<int[]>(type: "integer[]", nullable: false),
                    Tags = table.Column<int[]>(type: "integer[]", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearches", x => x.Id);
                    table.UniqueConstraint("AK_SavedSearches_SiteId_Id", x => new { x.SiteId, x.Id });
                    table.ForeignKey(
                        name: "FK_SavedSearches_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearchTerms",
                columns: table => new
                {
                    SavedSearchId = table.Column<int>(type: "integer", nullable: false),
                    Term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearchTerms", x => new { x.SavedSearchId, x.Term });
                    table.ForeignKey(
                        name: "FK_SavedSearchTerms_SavedSearches_SiteId_SavedSearchId",
                        columns: x => new { x.SiteId, x.SavedSearchId },
                        principalTable: "SavedSearches",
                        principalColumns: new[] { "SiteId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedSearchTerms_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_SiteId_Language_Key",
                table: "SavedSearches",
                columns: new[] { "SiteId", "Language", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchTerms_SiteId_SavedSearchId",
                table: "SavedSearchTerms",
                columns: new[] { "SiteId", "SavedSearchId" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearchTerms_SiteId_Term_SavedSearchId",
                table: "SavedSearchTerms",
                columns: new[] { "SiteId", "Term", "SavedSearchId" });

            // A site's rows only, whatever the query (as every site-owned table: RowSecurity).
            foreach (var table in new[] { "SavedSearches", "SavedSearchTerms" })
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
            migrationBuilder.DropTable(
                name: "SavedSearchTerms");

            migrationBuilder.DropTable(
                name: "SavedSearches");
        }
    }
}
