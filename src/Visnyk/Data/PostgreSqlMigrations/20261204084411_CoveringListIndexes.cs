using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class CoveringListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_TagsId_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_DepartmentsId_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_TagsId_SiteId_ArticleId",
                table: "ArticleTags",
                columns: new[] { "TagsId", "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SiteId", "Id", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_DepartmentsId_SiteId_ArticleId",
                table: "ArticleDepartments",
                columns: new[] { "DepartmentsId", "SiteId", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_TagsId_SiteId_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Id_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_DepartmentsId_SiteId_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_TagsId_ArticleId",
                table: "ArticleTags",
                columns: new[] { "TagsId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_DepartmentsId_ArticleId",
                table: "ArticleDepartments",
                columns: new[] { "DepartmentsId", "ArticleId" });
        }
    }
}
