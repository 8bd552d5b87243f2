using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiteOnChildRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "UserDepartments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "PinnedRelation",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "GalleryImage",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "ChangeNotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "ArticleTags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "ArticleDepartments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_UserDepartments_SiteId",
                table: "UserDepartments",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SiteId",
                table: "Subscriptions",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SiteId",
                table: "Revisions",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_PinnedRelation_SiteId",
                table: "PinnedRelation",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_GalleryImage_SiteId",
                table: "GalleryImage",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeNotes_SiteId",
                table: "ChangeNotes",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_SiteId",
                table: "ArticleTags",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_SiteId",
                table: "ArticleDepartments",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleDepartments_Sites_SiteId",
                table: "ArticleDepartments",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleTags_Sites_SiteId",
                table: "ArticleTags",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ChangeNotes_Sites_SiteId",
                table: "ChangeNotes",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_GalleryImage_Sites_SiteId",
                table: "GalleryImage",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PinnedRelation_Sites_SiteId",
                table: "PinnedRelation",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Revisions_Sites_SiteId",
                table: "Revisions",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Subscriptions_Sites_SiteId",
                table: "Subscriptions",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_UserDepartments_Sites_SiteId",
                table: "UserDepartments",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ArticleDepartments_Sites_SiteId",
                table: "ArticleDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleTags_Sites_SiteId",
                table: "ArticleTags");

            migrationBuilder.DropForeignKey(
                name: "FK_ChangeNotes_Sites_SiteId",
                table: "ChangeNotes");

            migrationBuilder.DropForeignKey(
                name: "FK_GalleryImage_Sites_SiteId",
                table: "GalleryImage");

            migrationBuilder.DropForeignKey(
                name: "FK_PinnedRelation_Sites_SiteId",
                table: "PinnedRelation");

            migrationBuilder.DropForeignKey(
                name: "FK_Revisions_Sites_SiteId",
                table: "Revisions");

            migrationBuilder.DropForeignKey(
                name: "FK_Subscriptions_Sites_SiteId",
                table: "Subscriptions");

            migrationBuilder.DropForeignKey(
                name: "FK_UserDepartments_Sites_SiteId",
                table: "UserDepartments");

            migrationBuilder.DropIndex(
                name: "IX_UserDepartments_SiteId",
                table: "UserDepartments");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SiteId",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Revisions_SiteId",
                table: "Revisions");

            migrationBuilder.DropIndex(
                name: "IX_PinnedRelation_SiteId",
                table: "PinnedRelation");

            migrationBuilder.DropIndex(
                name: "IX_GalleryImage_SiteId",
                table: "GalleryImage");

            migrationBuilder.DropIndex(
                name: "IX_ChangeNotes_SiteId",
                table: "ChangeNotes");

            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_SiteId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_SiteId",
                table: "ArticleDepartments");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "UserDepartments");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "PinnedRelation");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "GalleryImage");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "ChangeNotes");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "ArticleTags");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "ArticleDepartments");
        }
    }
}
