using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Departments = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    SavedSearchId = table.Column<int>(type: "INTEGER", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false)
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
