using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class JoinTablesByTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_TagsId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_DepartmentsId",
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_TagsId_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_DepartmentsId_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_TagsId",
                table: "ArticleTags",
                column: "TagsId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_DepartmentsId",
                table: "ArticleDepartments",
                column: "DepartmentsId");
        }
    }
}
