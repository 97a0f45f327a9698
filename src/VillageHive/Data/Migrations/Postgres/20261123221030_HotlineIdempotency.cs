using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Calls logged before this migration get a key each, so that the unique index can be built.
            migrationBuilder.Sql("""UPDATE "HotlineCalls" SET "IdempotencyKey" = gen_random_uuid();""");

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
