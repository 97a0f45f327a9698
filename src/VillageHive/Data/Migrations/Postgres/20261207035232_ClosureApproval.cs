using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClosureApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "CaseClosures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "CaseClosures",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "CaseClosures",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "CaseClosures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CaseClosures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosures_Proposed",
                table: "CaseClosures",
                column: "CaseId",
                unique: true,
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseClosures_Proposed",
                table: "CaseClosures");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "CaseClosures");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "CaseClosures");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "CaseClosures");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "CaseClosures");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CaseClosures");
        }
    }
}
