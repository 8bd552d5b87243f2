using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class MultiSite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WordPressPosts_Site_PostId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_Tags_Slug",
                table: "Tags");

            migrationBuilder.DropIndex(
                name: "IX_Subscribers_Email",
                table: "Subscribers");

            migrationBuilder.DropIndex(
                name: "IX_OldAddresses_Path",
                table: "OldAddresses");

            migrationBuilder.DropIndex(
                name: "IX_Mailings_Key",
                table: "Mailings");

            migrationBuilder.DropIndex(
                name: "IX_Images_Key",
                table: "Images");

            migrationBuilder.DropIndex(
                name: "IX_Departments_Slug",
                table: "Departments");

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "WordPressPosts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Tags",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Subscribers",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "SiteSettings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "OldAddresses",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Mailings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Images",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Deliveries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "AuditEntries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "ArticleChanges",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Sites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteHosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteHosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SiteHosts_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every row so far belongs to the one site there was: site 1 (Site.Default).
            migrationBuilder.InsertData(
                table: "Sites",
                columns: new[] { "Id", "Name", "CreatedAt" },
                values: new object[] { 1, "Сайт", new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc) });
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('\"Sites\"', 'Id'), 1);");

            migrationBuilder.CreateIndex(
                name: "IX_WordPressPosts_SiteId_Site_PostId",
                table: "WordPressPosts",
                columns: new[] { "SiteId", "Site", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tags_SiteId_Slug",
                table: "Tags",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_SiteId_Email",
                table: "Subscribers",
                columns: new[] { "SiteId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteSettings_SiteId",
                table: "SiteSettings",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_SiteId_Path",
                table: "OldAddresses",
                columns: new[] { "SiteId", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mailings_SiteId_Key",
                table: "Mailings",
                columns: new[] { "SiteId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Images_SiteId_Key",
                table: "Images",
                columns: new[] { "SiteId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Departments_SiteId_Slug",
                table: "Departments",
                columns: new[] { "SiteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SiteId",
                table: "Deliveries",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SiteId",
                table: "AuditEntries",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId",
                table: "Articles",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleChanges_SiteId",
                table: "ArticleChanges",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_SiteHosts_Host",
                table: "SiteHosts",
                column: "Host",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteHosts_SiteId",
                table: "SiteHosts",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleChanges_Sites_SiteId",
                table: "ArticleChanges",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Sites_SiteId",
                table: "Articles",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_AuditEntries_Sites_SiteId",
                table: "AuditEntries",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_Sites_SiteId",
                table: "Deliveries",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Departments_Sites_SiteId",
                table: "Departments",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Images_Sites_SiteId",
                table: "Images",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Mailings_Sites_SiteId",
                table: "Mailings",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OldAddresses_Sites_SiteId",
                table: "OldAddresses",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SiteSettings_Sites_SiteId",
                table: "SiteSettings",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Subscribers_Sites_SiteId",
                table: "Subscribers",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Tags_Sites_SiteId",
                table: "Tags",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_WordPressPosts_Sites_SiteId",
                table: "WordPressPosts",
                column: "SiteId",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // The default only filled the rows that existed. From now on a row without a site is an
            // error: a raw INSERT that forgets "SiteId" fails instead of landing in site 1.
            migrationBuilder.Sql("ALTER TABLE \"WordPressPosts\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Tags\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Subscribers\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"SiteSettings\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"OldAddresses\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Mailings\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Images\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Departments\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Deliveries\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"Articles\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
            migrationBuilder.Sql("ALTER TABLE \"ArticleChanges\" ALTER COLUMN \"SiteId\" DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ArticleChanges_Sites_SiteId",
                table: "ArticleChanges");

            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Sites_SiteId",
                table: "Articles");

            migrationBuilder.DropForeignKey(
                name: "FK_AuditEntries_Sites_SiteId",
                table: "AuditEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_Sites_SiteId",
                table: "Deliveries");

            migrationBuilder.DropForeignKey(
                name: "FK_Departments_Sites_SiteId",
                table: "Departments");

            migrationBuilder.DropForeignKey(
                name: "FK_Images_Sites_SiteId",
                table: "Images");

            migrationBuilder.DropForeignKey(
                name: "FK_Mailings_Sites_SiteId",
                table: "Mailings");

            migrationBuilder.DropForeignKey(
                name: "FK_OldAddresses_Sites_SiteId",
                table: "OldAddresses");

            migrationBuilder.DropForeignKey(
                name: "FK_SiteSettings_Sites_SiteId",
                table: "SiteSettings");

            migrationBuilder.DropForeignKey(
                name: "FK_Subscribers_Sites_SiteId",
                table: "Subscribers");

            migrationBuilder.DropForeignKey(
                name: "FK_Tags_Sites_SiteId",
                table: "Tags");

            migrationBuilder.DropForeignKey(
                name: "FK_WordPressPosts_Sites_SiteId",
                table: "WordPressPosts");

            migrationBuilder.DropTable(
                name: "SiteHosts");

            migrationBuilder.DropTable(
                name: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_WordPressPosts_SiteId_Site_PostId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_Tags_SiteId_Slug",
                table: "Tags");

            migrationBuilder.DropIndex(
                name: "IX_Subscribers_SiteId_Email",
                table: "Subscribers");

            migrationBuilder.DropIndex(
                name: "IX_SiteSettings_SiteId",
                table: "SiteSettings");

            migrationBuilder.DropIndex(
                name: "IX_OldAddresses_SiteId_Path",
                table: "OldAddresses");

            migrationBuilder.DropIndex(
                name: "IX_Mailings_SiteId_Key",
                table: "Mailings");

            migrationBuilder.DropIndex(
                name: "IX_Images_SiteId_Key",
                table: "Images");

            migrationBuilder.DropIndex(
                name: "IX_Departments_SiteId_Slug",
                table: "Departments");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SiteId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SiteId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleChanges_SiteId",
                table: "ArticleChanges");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "WordPressPosts");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Tags");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "OldAddresses");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Mailings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Images");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "ArticleChanges");

            migrationBuilder.CreateIndex(
                name: "IX_WordPressPosts_Site_PostId",
                table: "WordPressPosts",
                columns: new[] { "Site", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tags_Slug",
                table: "Tags",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_Email",
                table: "Subscribers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_Path",
                table: "OldAddresses",
                column: "Path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mailings_Key",
                table: "Mailings",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Images_Key",
                table: "Images",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Slug",
                table: "Departments",
                column: "Slug",
                unique: true);
        }
    }
}
