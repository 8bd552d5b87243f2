using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class DocumentRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DocNumber",
                table: "Articles",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DocStatus",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DocType",
                table: "Articles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssuedBy",
                table: "Articles",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NumberKey",
                table: "Articles",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SignedOn",
                table: "Articles",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DocumentRelations",
                columns: table => new
                {
                    FromId = table.Column<int>(type: "integer", nullable: false),
                    ToId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentRelations", x => new { x.SiteId, x.FromId, x.ToId });
                    table.ForeignKey(
                        name: "FK_DocumentRelations_Articles_SiteId_FromId",
                        columns: x => new { x.SiteId, x.FromId },
                        principalTable: "Articles",
                        principalColumns: new[] { "SiteId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DocumentRelations_Articles_SiteId_ToId",
                        columns: x => new { x.SiteId, x.ToId },
                        principalTable: "Articles",
                        principalColumns: new[] { "SiteId", "Id" });
                    table.ForeignKey(
                        name: "FK_DocumentRelations_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FileContents",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileContents", x => new { x.SiteId, x.Key });
                    table.ForeignKey(
                        name: "FK_FileContents_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignedFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Inline = table.Column<bool>(type: "boolean", nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Metadata = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignedFiles_Articles_SiteId_ArticleId",
                        columns: x => new { x.SiteId, x.ArticleId },
                        principalTable: "Articles",
                        principalColumns: new[] { "SiteId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignedFiles_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Kind_NumberKey",
                table: "Articles",
                columns: new[] { "SiteId", "Kind", "NumberKey" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentRelations_SiteId_ToId",
                table: "DocumentRelations",
                columns: new[] { "SiteId", "ToId" });

            migrationBuilder.CreateIndex(
                name: "IX_SignedFiles_SiteId_ArticleId",
                table: "SignedFiles",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_SignedFiles_SiteId_Key",
                table: "SignedFiles",
                columns: new[] { "SiteId", "Key" });

            // A site's rows only, whatever the query (as every site-owned table: RowSecurity).
            migrationBuilder.Sql("ALTER TABLE \"SignedFiles\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"SignedFiles\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "SignedFiles"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
            migrationBuilder.Sql("ALTER TABLE \"FileContents\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"FileContents\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "FileContents"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
            migrationBuilder.Sql("ALTER TABLE \"DocumentRelations\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"DocumentRelations\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "DocumentRelations"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentRelations");

            migrationBuilder.DropTable(
                name: "FileContents");

            migrationBuilder.DropTable(
                name: "SignedFiles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Kind_NumberKey",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "DocNumber",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "DocStatus",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "DocType",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "IssuedBy",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "NumberKey",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SignedOn",
                table: "Articles");
        }
    }
}
