using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HotlineIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "IdempotencyKey",
                table: "HotlineCalls",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Calls logged before this migration get a key each, so that the unique index can be built.
            migrationBuilder.Sql("""UPDATE "HotlineCalls" SET "IdempotencyKey" = upper(substr(hex(k), 1, 8) || '-' || substr(hex(k), 9, 4) || '-' || substr(hex(k), 13, 4) || '-' || substr(hex(k), 17, 4) || '-' || substr(hex(k), 21, 12)) FROM (SELECT "Id" AS i, randomblob(16) AS k FROM "HotlineCalls") AS r WHERE "HotlineCalls"."Id" = r.i;""");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HotlineCallId",
                table: "Referrals",
                column: "HotlineCallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HotlineCalls_IdempotencyKey",
                table: "HotlineCalls",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_HotlineCallId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_HotlineCalls_IdempotencyKey",
                table: "HotlineCalls");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "HotlineCalls");
        }
    }
}
