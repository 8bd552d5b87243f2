using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SameSiteReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ArticleDepartments_Articles_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleDepartments_Departments_DepartmentsId",
                table: "ArticleDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Images_LeadImageId",
                table: "Articles");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleTags_Articles_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleTags_Tags_TagsId",
                table: "ArticleTags");

            migrationBuilder.DropForeignKey(
                name: "FK_ChangeNotes_Articles_ArticleId",
                table: "ChangeNotes");

            migrationBuilder.DropForeignKey(
                name: "FK_GalleryImage_Articles_ArticleId",
                table: "GalleryImage");

            migrationBuilder.DropForeignKey(
                name: "FK_GalleryImage_Images_ImageId",
                table: "GalleryImage");

            migrationBuilder.DropForeignKey(
                name: "FK_OldAddresses_Articles_ArticleId",
                table: "OldAddresses");

            migrationBuilder.DropForeignKey(
                name: "FK_PinnedRelation_Articles_ArticleId",
                table: "PinnedRelation");

            migrationBuilder.DropForeignKey(
                name: "FK_PinnedRelation_Articles_RelatedId",
                table: "PinnedRelation");

            migrationBuilder.DropForeignKey(
                name: "FK_Revisions_Articles_ArticleId",
                table: "Revisions");

            migrationBuilder.DropForeignKey(
                name: "FK_Subscriptions_Subscribers_SubscriberId",
                table: "Subscriptions");

            migrationBuilder.DropForeignKey(
                name: "FK_UserDepartments_Departments_DepartmentsId",
                table: "UserDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_WordPressPosts_Articles_ArticleId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_WordPressPosts_ArticleId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_UserDepartments_SiteId",
                table: "UserDepartments");

            migrationBuilder.DropIndex(
                name: "IX_Revisions_SiteId",
                table: "Revisions");

            migrationBuilder.DropIndex(
                name: "IX_PinnedRelation_RelatedId",
                table: "PinnedRelation");

            migrationBuilder.DropIndex(
                name: "IX_PinnedRelation_SiteId",
                table: "PinnedRelation");

            migrationBuilder.DropIndex(
                name: "IX_OldAddresses_ArticleId",
                table: "OldAddresses");

            migrationBuilder.DropIndex(
                name: "IX_GalleryImage_ImageId",
                table: "GalleryImage");

            migrationBuilder.DropIndex(
                name: "IX_GalleryImage_SiteId",
                table: "GalleryImage");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SiteId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_ChangeNotes_SiteId",
                table: "ChangeNotes");

            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_SiteId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_Articles_LeadImageId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_SiteId",
                table: "ArticleDepartments");

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Tags_SiteId_Id",
                table: "Tags",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Subscribers_SiteId_Id",
                table: "Subscribers",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Images_SiteId_Id",
                table: "Images",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Departments_SiteId_Id",
                table: "Departments",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Articles_SiteId_Id",
                table: "Articles",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WordPressPosts_SiteId_ArticleId",
                table: "WordPressPosts",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_UserDepartments_SiteId_DepartmentsId",
                table: "UserDepartments",
                columns: new[] { "SiteId", "DepartmentsId" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SiteId_SubscriberId",
                table: "Subscriptions",
                columns: new[] { "SiteId", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SiteId_ArticleId",
                table: "Revisions",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_PinnedRelation_SiteId_ArticleId",
                table: "PinnedRelation",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_PinnedRelation_SiteId_RelatedId",
                table: "PinnedRelation",
                columns: new[] { "SiteId", "RelatedId" });

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_SiteId_ArticleId",
                table: "OldAddresses",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_GalleryImage_SiteId_ArticleId",
                table: "GalleryImage",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_GalleryImage_SiteId_ImageId",
                table: "GalleryImage",
                columns: new[] { "SiteId", "ImageId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SiteId_SubscriberId",
                table: "Deliveries",
                columns: new[] { "SiteId", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeNotes_SiteId_ArticleId",
                table: "ChangeNotes",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_SiteId_ArticleId",
                table: "ArticleTags",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_SiteId_TagsId",
                table: "ArticleTags",
                columns: new[] { "SiteId", "TagsId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_LeadImageId",
                table: "Articles",
                columns: new[] { "SiteId", "LeadImageId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_SiteId_ArticleId",
                table: "ArticleDepartments",
                columns: new[] { "SiteId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_SiteId_DepartmentsId",
                table: "ArticleDepartments",
                columns: new[] { "SiteId", "DepartmentsId" });

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleDepartments_Articles_SiteId_ArticleId",
                table: "ArticleDepartments",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleDepartments_Departments_SiteId_DepartmentsId",
                table: "ArticleDepartments",
                columns: new[] { "SiteId", "DepartmentsId" },
                principalTable: "Departments",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Images_SiteId_LeadImageId",
                table: "Articles",
                columns: new[] { "SiteId", "LeadImageId" },
                principalTable: "Images",
                principalColumns: new[] { "SiteId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleTags_Articles_SiteId_ArticleId",
                table: "ArticleTags",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleTags_Tags_SiteId_TagsId",
                table: "ArticleTags",
                columns: new[] { "SiteId", "TagsId" },
                principalTable: "Tags",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ChangeNotes_Articles_SiteId_ArticleId",
                table: "ChangeNotes",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_Subscribers_SiteId_SubscriberId",
                table: "Deliveries",
                columns: new[] { "SiteId", "SubscriberId" },
                principalTable: "Subscribers",
                principalColumns: new[] { "SiteId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_GalleryImage_Articles_SiteId_ArticleId",
                table: "GalleryImage",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_GalleryImage_Images_SiteId_ImageId",
                table: "GalleryImage",
                columns: new[] { "SiteId", "ImageId" },
                principalTable: "Images",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OldAddresses_Articles_SiteId_ArticleId",
                table: "OldAddresses",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_PinnedRelation_Articles_SiteId_ArticleId",
                table: "PinnedRelation",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_PinnedRelation_Articles_SiteId_RelatedId",
                table: "PinnedRelation",
                columns: new[] { "SiteId", "RelatedId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Revisions_Articles_SiteId_ArticleId",
                table: "Revisions",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Subscriptions_Subscribers_SiteId_SubscriberId",
                table: "Subscriptions",
                columns: new[] { "SiteId", "SubscriberId" },
                principalTable: "Subscribers",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_UserDepartments_Departments_SiteId_DepartmentsId",
                table: "UserDepartments",
                columns: new[] { "SiteId", "DepartmentsId" },
                principalTable: "Departments",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_WordPressPosts_Articles_SiteId_ArticleId",
                table: "WordPressPosts",
                columns: new[] { "SiteId", "ArticleId" },
                principalTable: "Articles",
                principalColumns: new[] { "SiteId", "Id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ArticleDepartments_Articles_SiteId_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleDepartments_Departments_SiteId_DepartmentsId",
                table: "ArticleDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Images_SiteId_LeadImageId",
                table: "Articles");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleTags_Articles_SiteId_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropForeignKey(
                name: "FK_ArticleTags_Tags_SiteId_TagsId",
                table: "ArticleTags");

            migrationBuilder.DropForeignKey(
                name: "FK_ChangeNotes_Articles_SiteId_ArticleId",
                table: "ChangeNotes");

            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_Subscribers_SiteId_SubscriberId",
                table: "Deliveries");

            migrationBuilder.DropForeignKey(
                name: "FK_GalleryImage_Articles_SiteId_ArticleId",
                table: "GalleryImage");

            migrationBuilder.DropForeignKey(
                name: "FK_GalleryImage_Images_SiteId_ImageId",
                table: "GalleryImage");

            migrationBuilder.DropForeignKey(
                name: "FK_OldAddresses_Articles_SiteId_ArticleId",
                table: "OldAddresses");

            migrationBuilder.DropForeignKey(
                name: "FK_PinnedRelation_Articles_SiteId_ArticleId",
                table: "PinnedRelation");

            migrationBuilder.DropForeignKey(
                name: "FK_PinnedRelation_Articles_SiteId_RelatedId",
                table: "PinnedRelation");

            migrationBuilder.DropForeignKey(
                name: "FK_Revisions_Articles_SiteId_ArticleId",
                table: "Revisions");

            migrationBuilder.DropForeignKey(
                name: "FK_Subscriptions_Subscribers_SiteId_SubscriberId",
                table: "Subscriptions");

            migrationBuilder.DropForeignKey(
                name: "FK_UserDepartments_Departments_SiteId_DepartmentsId",
                table: "UserDepartments");

            migrationBuilder.DropForeignKey(
                name: "FK_WordPressPosts_Articles_SiteId_ArticleId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_WordPressPosts_SiteId_ArticleId",
                table: "WordPressPosts");

            migrationBuilder.DropIndex(
                name: "IX_UserDepartments_SiteId_DepartmentsId",
                table: "UserDepartments");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Tags_SiteId_Id",
                table: "Tags");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SiteId_SubscriberId",
                table: "Subscriptions");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Subscribers_SiteId_Id",
                table: "Subscribers");

            migrationBuilder.DropIndex(
                name: "IX_Revisions_SiteId_ArticleId",
                table: "Revisions");

            migrationBuilder.DropIndex(
                name: "IX_PinnedRelation_SiteId_ArticleId",
                table: "PinnedRelation");

            migrationBuilder.DropIndex(
                name: "IX_PinnedRelation_SiteId_RelatedId",
                table: "PinnedRelation");

            migrationBuilder.DropIndex(
                name: "IX_OldAddresses_SiteId_ArticleId",
                table: "OldAddresses");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Images_SiteId_Id",
                table: "Images");

            migrationBuilder.DropIndex(
                name: "IX_GalleryImage_SiteId_ArticleId",
                table: "GalleryImage");

            migrationBuilder.DropIndex(
                name: "IX_GalleryImage_SiteId_ImageId",
                table: "GalleryImage");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Departments_SiteId_Id",
                table: "Departments");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SiteId_SubscriberId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_ChangeNotes_SiteId_ArticleId",
                table: "ChangeNotes");

            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_SiteId_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_SiteId_TagsId",
                table: "ArticleTags");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Articles_SiteId_Id",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_LeadImageId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_SiteId_ArticleId",
                table: "ArticleDepartments");

            migrationBuilder.DropIndex(
                name: "IX_ArticleDepartments_SiteId_DepartmentsId",
                table: "ArticleDepartments");

            migrationBuilder.CreateIndex(
                name: "IX_WordPressPosts_ArticleId",
                table: "WordPressPosts",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_UserDepartments_SiteId",
                table: "UserDepartments",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SiteId",
                table: "Revisions",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_PinnedRelation_RelatedId",
                table: "PinnedRelation",
                column: "RelatedId");

            migrationBuilder.CreateIndex(
                name: "IX_PinnedRelation_SiteId",
                table: "PinnedRelation",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_OldAddresses_ArticleId",
                table: "OldAddresses",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_GalleryImage_ImageId",
                table: "GalleryImage",
                column: "ImageId");

            migrationBuilder.CreateIndex(
                name: "IX_GalleryImage_SiteId",
                table: "GalleryImage",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SiteId",
                table: "Deliveries",
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
                name: "IX_Articles_LeadImageId",
                table: "Articles",
                column: "LeadImageId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleDepartments_SiteId",
                table: "ArticleDepartments",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleDepartments_Articles_ArticleId",
                table: "ArticleDepartments",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleDepartments_Departments_DepartmentsId",
                table: "ArticleDepartments",
                column: "DepartmentsId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Images_LeadImageId",
                table: "Articles",
                column: "LeadImageId",
                principalTable: "Images",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleTags_Articles_ArticleId",
                table: "ArticleTags",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ArticleTags_Tags_TagsId",
                table: "ArticleTags",
                column: "TagsId",
                principalTable: "Tags",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ChangeNotes_Articles_ArticleId",
                table: "ChangeNotes",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_GalleryImage_Articles_ArticleId",
                table: "GalleryImage",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_GalleryImage_Images_ImageId",
                table: "GalleryImage",
                column: "ImageId",
                principalTable: "Images",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OldAddresses_Articles_ArticleId",
                table: "OldAddresses",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_PinnedRelation_Articles_ArticleId",
                table: "PinnedRelation",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_PinnedRelation_Articles_RelatedId",
                table: "PinnedRelation",
                column: "RelatedId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Revisions_Articles_ArticleId",
                table: "Revisions",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Subscriptions_Subscribers_SubscriberId",
                table: "Subscriptions",
                column: "SubscriberId",
                principalTable: "Subscribers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_UserDepartments_Departments_DepartmentsId",
                table: "UserDepartments",
                column: "DepartmentsId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_WordPressPosts_Articles_ArticleId",
                table: "WordPressPosts",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
