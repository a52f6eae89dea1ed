package org.allocationcommons.testkit.generators;

import java.util.List;

/** The real-world vocabulary generated commons draw from: places and kinds of need. */
final class Catalog {

  private Catalog() {}

  /** A city with its country and centre coordinates. */
  record City(String name, String country, double latitude, double longitude) {}

  /** A kind of need or capacity, with how it is counted. */
  record NeedType(String id, String name, String emoji, String unit, String resourceType, double typicalQuantity) {}

  /**
   * Cities, including pairs closer than 50 km (San Francisco/Oakland, Berlin/Potsdam,
   * Amsterdam/Haarlem, Brussels/Leuven) so that the haversine rule of matching is exercised, and pairs
   * in the same country but far apart (Lisbon/Porto, Toronto/Montreal are in the same country).
   */
  static final List<City> CITIES = List.of(
      new City("Berlin", "Germany", 52.5200, 13.4050),
      new City("Potsdam", "Germany", 52.3906, 13.0645),
      new City("Amsterdam", "Netherlands", 52.3676, 4.9041),
      new City("Haarlem", "Netherlands", 52.3874, 4.6462),
      new City("Brussels", "Belgium", 50.8503, 4.3517),
      new City("Leuven", "Belgium", 50.8798, 4.7005),
      new City("Lisbon", "Portugal", 38.7223, -9.1393),
      new City("Porto", "Portugal", 41.1579, -8.6291),
      new City("Barcelona", "Spain", 41.3874, 2.1686),
      new City("Paris", "France", 48.8566, 2.3522),
      new City("San Francisco", "United States", 37.7749, -122.4194),
      new City("Oakland", "United States", 37.8044, -122.2712),
      new City("Mexico City", "Mexico", 19.4326, -99.1332),
      new City("Toronto", "Canada", 43.6532, -79.3832),
      new City("Montreal", "Canada", 45.5019, -73.5674),
      new City("Nairobi", "Kenya", -1.2921, 36.8219),
      new City("Lagos", "Nigeria", 6.5244, 3.3792),
      new City("Mumbai", "India", 19.0760, 72.8777),
      new City("Buenos Aires", "Argentina", -34.6037, -58.3816),
      new City("Melbourne", "Australia", -37.8136, 144.9631));

  /** Kinds of need, most common first: generated commons pick early ones more often. */
  static final List<NeedType> NEED_TYPES = List.of(
      new NeedType("food", "Meals", "🍲", "meals", "food", 10),
      new NeedType("childcare", "Childcare", "🧸", "hours", "care", 8),
      new NeedType("housing", "Spare room", "🏠", "nights", "space", 7),
      new NeedType("transport", "Rides", "🚲", "rides", "transport", 6),
      new NeedType("tutoring", "Tutoring", "📚", "hours", "education", 5),
      new NeedType("repair", "Repairs", "🔧", "hours", "skills", 4),
      new NeedType("tools", "Tool loans", "🪚", "days", "tools", 5),
      new NeedType("garden", "Garden work", "🌱", "hours", "skills", 6),
      new NeedType("translation", "Translation", "🗣", "pages", "skills", 12),
      new NeedType("healthcare", "Nursing visits", "🩺", "visits", "care", 3));
}
