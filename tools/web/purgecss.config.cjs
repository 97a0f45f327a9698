// PurgeCSS settings for tools/web/build.sh, run from src/VillageHive: the files that name CSS classes, and the
// classes made at run time from a value (class="bg-@status", "text-bg-" + kind) which no file names whole.
module.exports = {
  content: ['Features/**/*.cshtml', 'Features/**/*.cs', 'Domain/**/*.cs', 'Infrastructure/**/*.cs', 'wwwroot/js/*.js', 'wwwroot/sw.js'],
  css: ['../../tools/web/source/bootstrap.min.css'],
  safelist: { standard: [/^bg-/, /^text-bg-/, /^text-/, /^border-/, /^btn-/, /^alert-/, /^badge/] },
  variables: true,
  keyframes: true,
  fontFace: true,
};
