// The map of organisations and offers. Progressive enhancement: the page lists the same organisations without it.
// Everything comes from this site: Leaflet (wwwroot/lib), the outline of Switzerland, the organisations (the API);
// tiles only when the operator configured a tile server, and the map still reads well when they fail to load.
(function () {
  'use strict';
  var container = document.getElementById('map');
  if (!container || typeof window.L === 'undefined') {
    return;
  }

  var L = window.L;
  var data = container.dataset;

  function say(template, value) {
    return String(template).replace('{0}', String(value));
  }

  // Leaflet writes attributions as HTML: hand it text only, escaped.
  function escapeHtml(text) {
    var div = document.createElement('div');
    div.textContent = text;
    return div.innerHTML;
  }

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function popupFor(organisation) {
    var box = document.createElement('div');
    box.className = 'map-popup';
    var title = document.createElement('p');
    title.className = 'map-popup-title';
    title.appendChild(link(organisation.url, organisation.name));
    box.appendChild(title);
    var place = document.createElement('p');
    place.textContent = organisation.town + ' (' + organisation.canton + ')';
    box.appendChild(place);
    if (organisation.offers > 0) {
      var count = document.createElement('p');
      count.textContent = say(organisation.offers === 1 ? data.textOffersOne : data.textOffersMany, organisation.offers);
      box.appendChild(count);
    } else if (organisation.matched) {
      var matched = document.createElement('p');
      matched.textContent = data.textMatched;
      box.appendChild(matched);
    }
    if (organisation.firstOffers.length > 0) {
      var list = document.createElement('ul');
      organisation.firstOffers.forEach(function (offer) {
        var item = document.createElement('li');
        item.appendChild(link(offer.url, offer.title));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    var profile = document.createElement('p');
    profile.appendChild(link(organisation.url, data.textProfile));
    box.appendChild(profile);
    return box;
  }

  // Bigger pins for organisations with more matching offers (three sizes: readable at a glance, never huge).
  function iconFor(organisation) {
    var size = organisation.offers >= 10 ? 'l' : organisation.offers >= 2 ? 'm' : 's';
    var pixels = { s: 22, m: 28, l: 34 }[size];
    return L.divIcon({
      className: 'map-pin map-pin-' + size,
      html: organisation.offers > 0 ? String(organisation.offers) : '',
      iconSize: [pixels, pixels],
      popupAnchor: [0, -pixels / 2]
    });
  }

  function showProblem() {
    var problem = document.createElement('p');
    problem.className = 'error-summary';
    problem.setAttribute('role', 'alert');
    problem.textContent = data.textFailed;
    container.parentNode.insertBefore(problem, container.nextSibling);
  }

  container.hidden = false;
  var map = L.map(container, { zoomSnap: 0.5, minZoom: 6, maxZoom: Number(data.maxZoom) || 18 });
  map.attributionControl.setPrefix(false);
  map.fitBounds([[45.82, 5.96], [47.81, 10.49]]);

  // The outline lies beneath the tiles: when tiles load they cover it, when they cannot it is the background.
  map.createPane('outline');
  map.getPane('outline').style.zIndex = '150';
  fetch(data.outline, { headers: { 'Accept': 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (outline) {
      if (outline) {
        L.geoJSON(outline, {
          pane: 'outline',
          interactive: false,
          attribution: escapeHtml(data.textOutline),
          style: { color: '#7d8f84', weight: 1.5, fillColor: '#f1f5f0', fillOpacity: 1 }
        }).addTo(map);
      }
    })
    .catch(function () { /* no outline: markers still show on a plain background */ });

  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: Number(data.maxZoom) || 18, attribution: escapeHtml(data.attribution || '') }).addTo(map);
  }

  // No cluster animation: pins stay where they are once drawn, so a click (a person's or a test's) lands on them.
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, animate: false });
  map.addLayer(clusters);
  fetch(data.api, { headers: { 'Accept': 'application/json' } })
    .then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    })
    .then(function (result) {
      var markers = result.organisations
        .filter(function (o) { return o.latitude !== null && o.longitude !== null; })
        .map(function (o) {
          return L.marker([o.latitude, o.longitude], { icon: iconFor(o), title: o.name, alt: o.name, keyboard: true, riseOnHover: true })
            .bindPopup(function () { return popupFor(o); });
        });
      clusters.addLayers(markers);
      if (markers.length > 0) {
        map.fitBounds(clusters.getBounds(), { padding: [30, 30], maxZoom: 12, animate: false });
      }
      // Said last: the map is settled and its pins are final.
      container.setAttribute('data-markers', String(markers.length));
    })
    .catch(showProblem);
})();
