using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SitePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.AddColumn<bool>(
                name: "InMenu",
                table: "Articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PagePath",
                table: "Articles",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Articles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind",
                table: "Articles",
                columns: new[] { "SiteId", "Id", "Status", "PublishedAt", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Kind_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Kind", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_PagePath",
                table: "Articles",
                columns: new[] { "SiteId", "PagePath" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_ParentId",
                table: "Articles",
                columns: new[] { "SiteId", "ParentId" });

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Articles_SiteId_ParentId",
                table: "Articles",
                columns: new[] { "SiteId", "ParentId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Articles_SiteId_ParentId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt_Kind",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Kind_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_PagePath",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_ParentId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "InMenu",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "PagePath",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Id", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Status", "PublishedAt" });
        }
    }
}
