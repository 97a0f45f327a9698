using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProgrammeYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enrolments_ProgrammeId_PersonId",
                table: "Enrolments");

            migrationBuilder.AddColumn<int>(
                name: "MaxAge",
                table: "Programmes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProgrammeYearId",
                table: "Enrolments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "YearEnd",
                table: "Enrolments",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProgrammeYears",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeYears", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeYears_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ProgrammeId_PersonId",
                table: "Enrolments",
                columns: new[] { "ProgrammeId", "PersonId" },
                unique: true,
                filter: "\"ExitDate\" IS NULL AND \"ProgrammeYearId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ProgrammeYearId_PersonId",
                table: "Enrolments",
                columns: new[] { "ProgrammeYearId", "PersonId" },
                unique: true,
                filter: "\"ExitDate\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeYears_ProgrammeId_StartDate",
                table: "ProgrammeYears",
                columns: new[] { "ProgrammeId", "StartDate" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Enrolments_ProgrammeYears_ProgrammeYearId",
                table: "Enrolments",
                column: "ProgrammeYearId",
                principalTable: "ProgrammeYears",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Enrolments_ProgrammeYears_ProgrammeYearId",
                table: "Enrolments");

            migrationBuilder.DropTable(
                name: "ProgrammeYears");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_ProgrammeId_PersonId",
                table: "Enrolments");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_ProgrammeYearId_PersonId",
                table: "Enrolments");

            migrationBuilder.DropColumn(
                name: "MaxAge",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ProgrammeYearId",
                table: "Enrolments");

            migrationBuilder.DropColumn(
                name: "YearEnd",
                table: "Enrolments");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ProgrammeId_PersonId",
                table: "Enrolments",
                columns: new[] { "ProgrammeId", "PersonId" },
                unique: true,
                filter: "\"ExitDate\" IS NULL");
        }
    }
}
