using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
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
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ProblemReportId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProblemReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Page = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false)
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
