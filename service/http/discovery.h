// The Google API Discovery document of our Perspective endpoints, served at
// GET /$discovery/rest (and the standard /discovery/v1/apis/commentanalyzer/
// v1alpha1/rest), so that Perspective's own Python example and the tools
// built on it switch by changing one URL:
//
//   client = googleapiclient.discovery.build("commentanalyzer", "v1alpha1",
//       developerKey=KEY,
//       discoveryServiceUrl="http://HOST:PORT/$discovery/rest?version=v1alpha1")
//   client.comments().analyze(body={...}).execute()
//
// The shape is the Discovery format's (discovery#restDescription: rootUrl,
// servicePath, parameters, resources.comments.methods, schemas), with the
// two methods this service answers: analyze and suggestscore.
#pragma once

#include <string>
#include <string_view>

namespace modfilter::http {

// `root_url`: where the client reached us, "http://HOST:PORT/".
std::string discovery_document(std::string_view root_url);

}  // namespace modfilter::http
