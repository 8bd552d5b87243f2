using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class ProblemReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReportsTo",
                table: "SiteSettings",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ProblemReportId",
                table: "Deliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProblemReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Page = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemReports", x => x.Id);
                    table.UniqueConstraint("AK_ProblemReports_SiteId_Id", x => new { x.SiteId, x.Id });
                    table.ForeignKey(
                        name: "FK_ProblemReports_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SiteId_ProblemReportId",
                table: "Deliveries",
                columns: new[] { "SiteId", "ProblemReportId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemReports_SiteId_ReceivedAt",
                table: "ProblemReports",
                columns: new[] { "SiteId", "ReceivedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_ProblemReports_SiteId_ProblemReportId",
                table: "Deliveries",
                columns: new[] { "SiteId", "ProblemReportId" },
                principalTable: "ProblemReports",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            // A site's rows only, whatever the query (as every site-owned table: RowSecurity).
            migrationBuilder.Sql("ALTER TABLE \"ProblemReports\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"ProblemReports\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "ProblemReports"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_ProblemReports_SiteId_ProblemReportId",
                table: "Deliveries");

            migrationBuilder.DropTable(
                name: "ProblemReports");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SiteId_ProblemReportId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "ReportsTo",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "ProblemReportId",
                table: "Deliveries");
        }
    }
}
