using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "AspNetUserRoles",
                type: "INTEGER",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
