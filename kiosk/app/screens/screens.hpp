// One screen per file, all behind one interface: a function that draws the
// screen for the current route into the area below the header.
#pragma once

class App;

namespace screens {

void home(App& app);
void categories(App& app);  // route id: "documents" or "faqs"
void documents(App& app);   // route id: category id
void document(App& app);    // route id: document id
void faqs(App& app);        // route id: category id
void search(App& app);
void ticket(App& app);
void feedback(App& app);
void office(App& app);
void staff(App& app);

}  // namespace screens
