// Render a cucumber JSON file with cucumber-html-reporter (npm), as a team's CI would.
// node tools/cucumber_html.js <cucumber.json> <output.html>
const reporter = require('cucumber-html-reporter');
reporter.generate({
  theme: 'bootstrap',
  jsonFile: process.argv[2],
  output: process.argv[3],
  reportSuiteAsScenarios: true,
  launchReport: false,
  metadata: {},
});
