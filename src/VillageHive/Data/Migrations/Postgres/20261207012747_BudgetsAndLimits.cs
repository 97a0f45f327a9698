using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BudgetsAndLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency",
                table: "CommuneBudgets");

            migrationBuilder.AddColumn<int>(
                name: "Item",
                table: "CommuneBudgets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SetAt",
                table: "CommuneBudgets",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "SetBy",
                table: "CommuneBudgets",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "SetAt",
                table: "ApproverLimits",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "SetBy",
                table: "ApproverLimits",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ApproverLimits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency",
                table: "CommuneBudgets",
                columns: new[] { "CommuneId", "Year", "Currency" },
                unique: true,
                filter: "\"Item\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency_Item",
                table: "CommuneBudgets",
                columns: new[] { "CommuneId", "Year", "Currency", "Item" },
                unique: true,
                filter: "\"Item\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ApproverLimits_Role_Currency",
                table: "ApproverLimits",
                columns: new[] { "Role", "Currency" },
                unique: true,
                filter: "\"UserName\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ApproverLimits_UserName_Currency",
                table: "ApproverLimits",
                columns: new[] { "UserName", "Currency" },
                unique: true,
                filter: "\"UserName\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency",
                table: "CommuneBudgets");

            migrationBuilder.DropIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency_Item",
                table: "CommuneBudgets");

            migrationBuilder.DropIndex(
                name: "IX_ApproverLimits_Role_Currency",
                table: "ApproverLimits");

            migrationBuilder.DropIndex(
                name: "IX_ApproverLimits_UserName_Currency",
                table: "ApproverLimits");

            migrationBuilder.DropColumn(
                name: "Item",
                table: "CommuneBudgets");

            migrationBuilder.DropColumn(
                name: "SetAt",
                table: "CommuneBudgets");

            migrationBuilder.DropColumn(
                name: "SetBy",
                table: "CommuneBudgets");

            migrationBuilder.DropColumn(
                name: "SetAt",
                table: "ApproverLimits");

            migrationBuilder.DropColumn(
                name: "SetBy",
                table: "ApproverLimits");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ApproverLimits");

            migrationBuilder.CreateIndex(
                name: "IX_CommuneBudgets_CommuneId_Year_Currency",
                table: "CommuneBudgets",
                columns: new[] { "CommuneId", "Year", "Currency" },
                unique: true);
        }
    }
}
