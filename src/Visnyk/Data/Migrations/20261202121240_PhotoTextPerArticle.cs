using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class PhotoTextPerArticle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Alt",
                table: "GalleryImage",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Caption",
                table: "GalleryImage",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Credit",
                table: "GalleryImage",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LeadAlt",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LeadCaption",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LeadCredit",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Each existing use keeps showing what it showed: the library's text at the time.
            migrationBuilder.Sql("""
                UPDATE "Articles" SET
                    "LeadAlt" = (SELECT i."Alt" FROM "Images" AS i WHERE i."Id" = "Articles"."LeadImageId"),
                    "LeadCaption" = (SELECT i."Caption" FROM "Images" AS i WHERE i."Id" = "Articles"."LeadImageId"),
                    "LeadCredit" = (SELECT i."Credit" FROM "Images" AS i WHERE i."Id" = "Articles"."LeadImageId")
                WHERE "LeadImageId" IS NOT NULL;
                UPDATE "GalleryImage" SET
                    "Alt" = (SELECT i."Alt" FROM "Images" AS i WHERE i."Id" = "GalleryImage"."ImageId"),
                    "Caption" = (SELECT i."Caption" FROM "Images" AS i WHERE i."Id" = "GalleryImage"."ImageId"),
                    "Credit" = (SELECT i."Credit" FROM "Images" AS i WHERE i."Id" = "GalleryImage"."ImageId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Alt",
                table: "GalleryImage");

            migrationBuilder.DropColumn(
                name: "Caption",
                table: "GalleryImage");

            migrationBuilder.DropColumn(
                name: "Credit",
                table: "GalleryImage");

            migrationBuilder.DropColumn(
                name: "LeadAlt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "LeadCaption",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "LeadCredit",
                table: "Articles");
        }
    }
}
