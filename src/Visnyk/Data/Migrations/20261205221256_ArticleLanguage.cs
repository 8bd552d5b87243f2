using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Kind_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Articles",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "uk");

            migrationBuilder.AddColumn<int>(
                name: "OriginalId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind_Language",
                table: "Articles",
                columns: new[] { "SiteId", "Id", "Status", "PublishedAt", "Kind", "Language" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Kind_Language_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Kind", "Language", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_OriginalId_Language",
                table: "Articles",
                columns: new[] { "SiteId", "OriginalId", "Language" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Articles_SiteId_OriginalId",
                table: "Articles",
                columns: new[] { "SiteId", "OriginalId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Articles_SiteId_OriginalId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind_Language",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Kind_Language_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_OriginalId_Language",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "OriginalId",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind",
                table: "Articles",
                columns: new[] { "SiteId", "Id", "Status", "PublishedAt", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Kind_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Kind", "Status", "PublishedAt" });
        }
    }
}
